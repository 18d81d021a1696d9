package dev.kumo.store.internal;

import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.Page;
import dev.kumo.core.event.Named;
import dev.kumo.spi.store.NamedRegistry;
import dev.kumo.store.StoreException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * {@link NamedRegistry} in one journaled map from name to the record as JSON, mirrored in a sorted
 * in-memory map that serves every read. Writes go through the {@link GroupCommit} and change the mirror once synced,
 * in commit order. The list token is the last name served.
 *
 * @param <T> the record type
 */
public final class MvNamedRegistry<T extends Named> implements NamedRegistry<T> {

    private final GroupCommit commits;
    private final JsonCodec json;
    private final JournaledMap<String> map;
    private final ConcurrentSkipListMap<String, T> mirror = new ConcurrentSkipListMap<>();

    /** Opens (or creates) the map {@code mapName} through {@code commits} and loads its records as {@code type}. */
    public MvNamedRegistry(String mapName, Class<T> type, StoreIo io, GroupCommit commits, JsonCodec json) {
        this.commits = commits;
        this.json = json;
        this.map = io.call(() -> commits.stringMap(mapName));
        io.run(() -> {
            for (var it = map.cursor(null); it.hasNext(); ) {
                var name = it.next();
                try {
                    mirror.put(name, json.read(it.getValue(), type));
                } catch (RuntimeException e) {
                    throw new StoreException("cannot read " + mapName + " entry " + name + ": " + e.getMessage(), e);
                }
            }
        });
    }

    @Override
    public T put(T value) {
        var name = value.name();
        var text = json.write(value);
        return commits.commit(new GroupCommit.Change<T>() {
            @Override
            public T apply() {
                map.put(name, text);
                return value;
            }

            @Override
            public void synced(T result) {
                mirror.put(name, result);
            }
        });
    }

    @Override
    public Optional<T> get(String name) {
        return Optional.ofNullable(mirror.get(name));
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidRequestException naming {@code limit} when it is not positive
     */
    @Override
    public Page<T> list(String token, int limit) {
        Pagination.checkLimit(limit);
        return Pagination.page((token.isEmpty() ? mirror : mirror.tailMap(token, false)).values().iterator(),
                limit, Named::name);
    }

    @Override
    public List<T> all() {
        return List.copyOf(mirror.values());
    }

    @Override
    public boolean delete(String name) {
        return commits.commit(new GroupCommit.Change<Boolean>() {
            @Override
            public Boolean apply() {
                return map.remove(name) != null;
            }

            @Override
            public void synced(Boolean removed) {
                mirror.remove(name);
            }
        });
    }
}
