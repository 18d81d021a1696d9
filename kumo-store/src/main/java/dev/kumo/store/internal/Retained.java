package dev.kumo.store.internal;

import dev.kumo.core.Activation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One activation held by the {@link ActivationIndex}, ordered newest first (by start time, then by id, the
 * order of {@link ActivationKeys#timeKey}), and its persistence state: waiting to be written, written in a
 * {@link StoredBatch}, or evicted. The state moves by compare-and-set because eviction (on any recording
 * thread) races with the writer assigning the record to a batch: exactly one of them decides whether the
 * batch counts the record as live.
 */
public final class Retained implements Comparable<Retained> {

    private static final Object EVICTED = new Object();
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Retained.class, "state", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long startMicros;
    private final String id;
    private final Activation activation;
    private long position; // in the index's ring; set before the record is published there
    /** {@code null} while unwritten, the {@link StoredBatch} once written, {@link #EVICTED} once evicted. */
    @SuppressWarnings("unused") // through STATE
    private volatile Object state;

    private Retained(long startMicros, String id, Activation activation, StoredBatch batch) {
        this.startMicros = startMicros;
        this.id = id;
        this.activation = activation;
        this.state = batch;
    }

    /** A record not written yet. */
    public static Retained of(Activation activation) {
        return new Retained(ActivationKeys.micros(activation.start()), activation.id().value(), activation, null);
    }

    /** A record read back from {@code batch}; the batch counts it as live. */
    public static Retained loaded(Activation activation, StoredBatch batch) {
        batch.hold();
        return new Retained(ActivationKeys.micros(activation.start()), activation.id().value(), activation, batch);
    }

    /** A search key that sorts exactly where a record with this start and id would. */
    static Retained probe(long startMicros, String id) {
        return new Retained(startMicros, id, null, null);
    }

    /** The activation. */
    public Activation activation() {
        return activation;
    }

    /** Start time in microseconds since the epoch. */
    public long startMicros() {
        return startMicros;
    }

    /** The activation id. */
    public String id() {
        return id;
    }

    long position() {
        return position;
    }

    void position(long value) {
        position = value;
    }

    /** Whether the record has been evicted from memory. */
    public boolean evicted() {
        return state == EVICTED;
    }

    /** Claims the unwritten record for {@code batch}; false when it was evicted first (it need not be written). */
    public boolean assign(StoredBatch batch) {
        batch.hold(); // before the claim, so that an eviction right after it cannot drive the count to zero early
        if (STATE.compareAndSet(this, null, batch)) {
            return true;
        }
        batch.release();
        return false;
    }

    /** Marks the record evicted; releases its batch, if it was written, so that an all-evicted batch is deleted. */
    public void evict() {
        if (STATE.getAndSet(this, EVICTED) instanceof StoredBatch batch) {
            batch.release();
        }
    }

    /** Newest first, then by id. Equality stays identity: a record replaced under the same id is another one. */
    @Override
    public int compareTo(Retained o) {
        int byStart = Long.compare(o.startMicros, startMicros);
        return byStart != 0 ? byStart : id.compareTo(o.id);
    }
}
