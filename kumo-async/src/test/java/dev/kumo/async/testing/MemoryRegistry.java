package dev.kumo.async.testing;

import dev.kumo.core.Page;
import dev.kumo.core.event.Named;
import dev.kumo.spi.store.NamedRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link NamedRegistry} in a sorted map. */
public final class MemoryRegistry<T extends Named> implements NamedRegistry<T> {

    private final ConcurrentSkipListMap<String, T> records = new ConcurrentSkipListMap<>();

    @Override
    public T put(T value) {
        records.put(value.name(), value);
        return value;
    }

    @Override
    public Optional<T> get(String name) {
        return Optional.ofNullable(records.get(name));
    }

    @Override
    public Page<T> list(String token, int limit) {
        var after = token.isEmpty() ? records : records.tailMap(token, false);
        List<T> items = after.values().stream().limit(limit).toList();
        boolean more = after.size() > limit;
        return new Page<>(items, more ? Optional.of(items.getLast().name()) : Optional.empty());
    }

    @Override
    public List<T> all() {
        return List.copyOf(records.values());
    }

    @Override
    public boolean delete(String name) {
        return records.remove(name) != null;
    }
}
