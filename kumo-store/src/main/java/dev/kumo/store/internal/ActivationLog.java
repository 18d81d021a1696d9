package dev.kumo.store.internal;

import dev.kumo.core.Activation;
import dev.kumo.store.StoreException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * Activation records in MVStore: {@code activations.batches} maps a batch sequence number to the batch
 * encoded by {@link ActivationCodec}. One put and one commit per batch, whatever its size; whole batches are
 * deleted once none of their records is retained. Reads are served from memory, so the log is read only
 * when the store opens. Not thread-safe: only the {@link StoreIo} thread calls it. Commits are not synced;
 * the OS writes them out on its own schedule.
 *
 * <p>The key of batch {@code n} is {@code -n}, so the newest batch sorts first, right after an empty entry
 * under {@link Long#MIN_VALUE}. A put therefore lands in the leftmost B-tree leaf, which holds only that
 * empty entry, and splits it from the new batch. With ascending keys it would land in the leaf of the
 * previous batch, and MVStore's copy-on-write would write that (large) batch a second time: twice the bytes.
 */
public final class ActivationLog {

    static final String MAP_NAME = "activations.batches";
    private static final long FRONT = Long.MIN_VALUE;
    /** Maps of the format before batches: time key to JSON, and two string indexes. */
    private static final List<String> LEGACY_MAPS =
            List.of("activations", "activations.byFunction", "activations.ids");

    private final MVStore store;
    private final MVMap<Long, byte[]> batches;

    /** Opens (or creates) the map; call on the I/O thread. */
    public ActivationLog(MVStore store) {
        this.store = store;
        this.batches = store.openMap(MAP_NAME, new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        if (!batches.containsKey(FRONT)) {
            batches.put(FRONT, new byte[0]);
        }
    }

    /** The sequence number after the newest batch. */
    public long nextSequence() {
        var newest = batches.higherKey(FRONT);
        return newest == null ? 1 : -newest + 1;
    }

    /** Stores {@code batch} under {@code sequence}, deletes the {@code dead} batches and commits. */
    public void append(long sequence, byte[] batch, Collection<Long> dead) {
        batches.put(-sequence, batch);
        delete(dead);
    }

    /** Deletes the {@code dead} batches and commits. */
    public void delete(Collection<Long> dead) {
        dead.forEach(sequence -> batches.remove(-sequence));
        store.commit();
    }

    /** The sequence numbers of all batches, newest (highest) first. */
    public List<Long> sequencesNewestFirst() {
        var out = new ArrayList<Long>();
        for (var it = batches.keyIterator(FRONT); it.hasNext(); ) {
            long key = it.next();
            if (key != FRONT) {
                out.add(-key);
            }
        }
        return out;
    }

    /** The batch stored under {@code sequence}. */
    public byte[] batch(long sequence) {
        return batches.get(-sequence);
    }

    /** Number of batch entries on disk. */
    public long batchCount() {
        return batches.sizeAsLong() - 1;
    }

    /**
     * Moves the newest {@code max} records of a store written by an older Kumo, if any, into one batch and
     * drops the old maps, in one commit.
     */
    public void migrateLegacy(JsonCodec json, int max) {
        if (LEGACY_MAPS.stream().noneMatch(store::hasMap)) {
            return;
        }
        var codec = new ActivationCodec();
        if (store.hasMap(LEGACY_MAPS.getFirst())) {
            var byTime = store.openMap(LEGACY_MAPS.getFirst(), new MVMap.Builder<String, String>()
                    .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
            var cursor = byTime.cursor(null); // time keys sort newest first
            var newestFirst = new ArrayList<Activation>();
            while (newestFirst.size() < max && cursor.hasNext()) {
                cursor.next();
                try {
                    newestFirst.add(json.read(cursor.getValue(), Activation.class));
                } catch (RuntimeException e) {
                    throw new StoreException("cannot migrate activation " + cursor.getKey() + ": " + e.getMessage(), e);
                }
            }
            newestFirst.reversed().forEach(codec::add);
        }
        if (codec.count() > 0) {
            batches.put(-nextSequence(), codec.finish());
        }
        LEGACY_MAPS.stream().filter(store::hasMap).forEach(store::removeMap);
        store.commit();
    }
}
