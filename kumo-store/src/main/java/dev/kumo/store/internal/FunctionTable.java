package dev.kumo.store.internal;

import dev.kumo.store.StoreException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;

/**
 * The registry: one MVStore map from function name to its {@link FunctionDocument} as JSON, mirrored in a
 * {@link ConcurrentHashMap} of deserialized {@link FunctionState}s. Reads never touch MVStore or JSON
 * ({@code FunctionRegistry.get} runs on every invocation). Writes run on the {@link StoreIo} thread, one
 * at a time, and are committed and synced to disk before the cache changes and the caller returns.
 */
public final class FunctionTable {

    /** What a registry operation does to one function, and what it returns to its caller. */
    public sealed interface Update<T> {

        /** The value returned to the caller. */
        T result();

        /** Stores {@code state}. */
        record Put<T>(FunctionState state, T result) implements Update<T> {
        }

        /** Removes the function. */
        record Remove<T>(T result) implements Update<T> {
        }

        /** Changes nothing. */
        record Keep<T>(T result) implements Update<T> {
        }
    }

    private static final String MAP_NAME = "functions";

    private final MVStore store;
    private final StoreIo io;
    private final JsonCodec json;
    private final MVMap<String, String> map;
    private final ConcurrentHashMap<String, FunctionState> cache = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<String> names = new ConcurrentSkipListSet<>();

    /** Opens the map and loads every function into memory. */
    public FunctionTable(MVStore store, StoreIo io, JsonCodec json) {
        this.store = store;
        this.io = io;
        this.json = json;
        this.map = io.call(() -> store.openMap(MAP_NAME, new MVMap.Builder<String, String>()
                .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE)));
        io.run(() -> map.forEach((name, value) -> {
            try {
                cache.put(name, FunctionState.of(json.read(value, FunctionDocument.class)));
            } catch (RuntimeException e) {
                throw new StoreException("cannot read function " + name + ": " + e.getMessage(), e);
            }
            names.add(name);
        }));
    }

    /** The function called {@code name}. */
    public Optional<FunctionState> get(String name) {
        return Optional.ofNullable(cache.get(name));
    }

    /** Functions whose names sort after {@code token} (all when empty), in name order. */
    public Stream<FunctionState> after(String token) {
        var tail = token.isEmpty() ? names : names.tailSet(token, false);
        return tail.stream().map(cache::get).filter(Objects::nonNull);
    }

    /**
     * Applies {@code operation} to the current state of {@code name} and makes its outcome durable.
     * Operations run one at a time; exceptions they throw reach the caller and change nothing.
     */
    public <T> T update(String name, Function<Optional<FunctionState>, Update<T>> operation) {
        return io.call(() -> {
            var update = operation.apply(get(name));
            switch (update) {
                case Update.Put<T> put -> {
                    map.put(name, json.write(put.state().document()));
                    commitAndSync();
                    cache.put(name, put.state());
                    names.add(name);
                }
                case Update.Remove<T> ignored -> {
                    map.remove(name);
                    commitAndSync();
                    names.remove(name);
                    cache.remove(name);
                }
                case Update.Keep<T> ignored -> {
                }
            }
            return update.result();
        });
    }

    private void commitAndSync() {
        try {
            store.commit();
            store.sync();
        } catch (RuntimeException e) {
            try {
                store.rollback();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
