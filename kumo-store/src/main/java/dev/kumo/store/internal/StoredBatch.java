package dev.kumo.store.internal;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One batch entry of the {@link ActivationLog}, counting the records in it that are still in memory. The
 * writer (or the loader) holds the batch while it fills it; once the hold is released and every record is
 * evicted, the sequence number goes to the {@code graveyard}, from which the writer deletes the entry with
 * its next commit. A disk entry thus lives exactly as long as one of its records is retained.
 */
public final class StoredBatch {

    private final long sequence;
    private final Queue<Long> graveyard;
    private final AtomicInteger live = new AtomicInteger(1); // the filler's hold

    /** A batch being filled, whose death will be reported to {@code graveyard}. */
    public StoredBatch(long sequence, Queue<Long> graveyard) {
        this.sequence = sequence;
        this.graveyard = graveyard;
    }

    /** The key of the batch entry. */
    public long sequence() {
        return sequence;
    }

    /** Counts one more live record (or the filler's hold). */
    void hold() {
        live.incrementAndGet();
    }

    /** Counts one record gone (or the filler done); the last one buries the batch. */
    public void release() {
        if (live.decrementAndGet() == 0) {
            graveyard.add(sequence);
        }
    }
}
