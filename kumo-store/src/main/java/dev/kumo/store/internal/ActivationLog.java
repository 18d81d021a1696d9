package dev.kumo.store.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;

/**
 * Activation records in MVStore: {@code activations} maps a time key (see {@link ActivationKeys}) to the
 * record's JSON, {@code activations.byFunction} indexes the same keys per function and
 * {@code activations.ids} maps an id to its per-function key. Not thread-safe: only the {@link StoreIo}
 * thread calls it. Batches are committed without a sync; the OS writes them out on its own schedule.
 */
public final class ActivationLog {

    /** One stored activation. */
    public record Row(String key, String function, String json) {
    }

    private final MVStore store;
    private final MVMap<String, String> byTime;
    private final MVMap<String, String> byFunction;
    private final MVMap<String, String> ids;

    /** Opens (or creates) the maps; call on the I/O thread. */
    public ActivationLog(MVStore store) {
        this.store = store;
        this.byTime = open(store, "activations");
        this.byFunction = open(store, "activations.byFunction");
        this.ids = open(store, "activations.ids");
    }

    private static MVMap<String, String> open(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<String, String>()
                .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
    }

    /** Adds {@code rows} (replacing records with the same id), applies retention and commits. */
    public void append(List<Row> rows, long cutoffMicros, long maxCount) {
        for (var row : rows) {
            var id = ActivationKeys.id(row.key());
            var functionKey = ActivationKeys.functionKey(row.function(), row.key());
            var previous = ids.put(id, functionKey);
            if (previous != null && !previous.equals(functionKey)) {
                byFunction.remove(previous);
                byTime.remove(previous.substring(previous.lastIndexOf('/') + 1));
            }
            byTime.put(row.key(), row.json());
            byFunction.put(functionKey, "");
        }
        prune(cutoffMicros, maxCount);
        store.commit();
    }

    /** Removes the oldest records while there are more than {@code maxCount} or they start before the cutoff. */
    private void prune(long cutoffMicros, long maxCount) {
        for (var oldest = byTime.lastKey(); oldest != null; oldest = byTime.lastKey()) {
            if (byTime.sizeAsLong() <= maxCount && ActivationKeys.startMicros(oldest) >= cutoffMicros) {
                return;
            }
            byTime.remove(oldest);
            var id = ActivationKeys.id(oldest);
            var functionKey = ids.get(id);
            if (functionKey != null && functionKey.endsWith(oldest)) {
                ids.remove(id);
                byFunction.remove(functionKey);
            }
        }
    }

    /** The JSON of activation {@code id}. */
    public Optional<String> get(String id) {
        var functionKey = ids.get(id);
        return functionKey == null ? Optional.empty()
                : Optional.ofNullable(byTime.get(functionKey.substring(functionKey.lastIndexOf('/') + 1)));
    }

    /**
     * Up to {@code max} records newest first whose keys sort after {@code after} (from the newest when
     * empty), of {@code function} only unless it is empty.
     */
    public List<Row> scan(String function, String after, int max) {
        var out = new ArrayList<Row>(Math.min(max, 64));
        if (function.isEmpty()) {
            var cursor = byTime.cursor(after.isEmpty() ? null : after);
            while (out.size() < max && cursor.hasNext()) {
                var key = cursor.next();
                if (!key.equals(after)) {
                    out.add(new Row(key, function, cursor.getValue()));
                }
            }
            return out;
        }
        var prefix = ActivationKeys.functionKey(function, "");
        var start = prefix + after;
        var cursor = byFunction.cursor(start);
        while (out.size() < max && cursor.hasNext()) {
            var key = cursor.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            var timeKey = key.substring(prefix.length());
            var json = key.equals(start) ? null : byTime.get(timeKey);
            if (json != null) {
                out.add(new Row(timeKey, function, json));
            }
        }
        return out;
    }

    /** Number of stored records. */
    public long size() {
        return byTime.sizeAsLong();
    }
}
