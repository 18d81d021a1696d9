package dev.kumo.store.internal;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.Page;
import dev.kumo.spi.store.ActivationStore;
import dev.kumo.store.StoreException;
import dev.kumo.store.StoreOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link ActivationStore} that serves every read from memory and never touches the disk on {@link #record}.
 * All retained records live in an {@link ActivationIndex}; a record also goes into an {@link ActivationBuffer}
 * that a background virtual thread drains into the {@link ActivationLog}, one encoded entry and one commit
 * per batch. Retention is applied in memory (by count as records arrive, by age on every batch and idle
 * tick); a batch entry on disk is deleted once none of its records is retained. Opening reads the batches
 * back, newest first, skipping those with nothing left to retain.
 */
public final class MvActivationStore implements ActivationStore {

    static final int QUEUE_CAPACITY = 16_384;
    static final int MAX_BATCH = 2_048;
    static final Duration LINGER = Duration.ofMillis(200);
    static final Duration IDLE = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(MvActivationStore.class.getName());

    private final ActivationLog log;
    private final StoreIo io;
    private final StoreOptions options;
    private final ActivationIndex index;
    private final ActivationBuffer<Retained> buffer = new ActivationBuffer<>(QUEUE_CAPACITY, MAX_BATCH,
            LINGER.toMillis(), IDLE.toMillis(), TimeUnit.MILLISECONDS);
    private final ConcurrentLinkedQueue<Long> graveyard = new ConcurrentLinkedQueue<>();
    private final ActivationCodec codec = new ActivationCodec(); // the writer's
    private final Thread writer;
    private long nextSequence; // the writer's, once started
    private volatile boolean discard;

    /** Loads the retained records of {@code log} (on the I/O thread) and starts the writer. */
    public MvActivationStore(ActivationLog log, StoreIo io, JsonCodec json, StoreOptions options) {
        this.log = log;
        this.io = io;
        this.options = options;
        this.index = new ActivationIndex(options.maxActivations());
        io.run(() -> load(json));
        this.writer = Thread.ofVirtual().name("kumo-activation-writer").start(this::drain);
    }

    /**
     * Reads back the newest batches holding the last {@code maxActivations} records (oldest first, so that
     * the index sees them in their recorded order) and deletes the batches that hold nothing retained.
     */
    private void load(JsonCodec json) {
        log.migrateLegacy(json, options.maxActivations());
        long cutoff = cutoffMicros();
        var wanted = new ArrayList<Map.Entry<Long, byte[]>>();
        var stale = new ArrayList<Long>();
        long records = 0;
        for (var sequence : log.sequencesNewestFirst()) {
            if (records >= options.maxActivations()) {
                stale.add(sequence);
                continue;
            }
            var bytes = log.batch(sequence);
            if (read(sequence, () -> ActivationCodec.newestMicros(bytes)) < cutoff) {
                stale.add(sequence);
                continue;
            }
            wanted.add(Map.entry(sequence, bytes));
            records += read(sequence, () -> ActivationCodec.count(bytes));
        }
        for (var entry : wanted.reversed()) {
            var batch = new StoredBatch(entry.getKey(), graveyard);
            read(entry.getKey(), () -> ActivationCodec.decode(entry.getValue()))
                    .forEach(a -> index.add(Retained.loaded(a, batch)));
            batch.release();
        }
        index.sweep(cutoff);
        for (Long sequence = graveyard.poll(); sequence != null; sequence = graveyard.poll()) {
            stale.add(sequence);
        }
        log.delete(stale);
        nextSequence = log.nextSequence();
    }

    private static <T> T read(long sequence, Supplier<T> decoding) {
        try {
            return decoding.get();
        } catch (RuntimeException e) {
            throw new StoreException("cannot read activation batch " + sequence + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void record(Activation activation) {
        var record = Retained.of(activation);
        index.add(record);
        buffer.offer(record); // when full, the oldest pending record stays in memory but is not written
    }

    @Override
    public Optional<Activation> get(ActivationId id) {
        return index.get(id.value(), cutoffMicros());
    }

    @Override
    public Page<Activation> list(String function, Optional<ActivationStatus> status, String token, int limit) {
        Pagination.checkLimit(limit);
        InvalidRequestException.require(token.isEmpty() || ActivationKeys.isTimeKey(token), "nextToken",
                "not an activation page token: '" + token + "'");
        var after = token.isEmpty() ? Optional.<Retained>empty() : Optional.of(ActivationKeys.position(token));
        return index.page(function, status, after, limit, cutoffMicros());
    }

    @Override
    public List<Activation> children(ActivationId parent) {
        return index.children(parent, cutoffMicros());
    }

    /** Activation writes dropped because the buffer was full, the store closed, or a write failed. */
    public long dropped() {
        return buffer.dropped();
    }

    /** Writes every record offered so far and applies retention; returns once committed (not synced). */
    public void flush() {
        buffer.flush();
    }

    /** Number of batch entries on disk, after the writes so far. */
    public long batchCount() {
        return io.call(log::batchCount);
    }

    /** Stops the writer; it first writes what is pending unless {@code discard} (a simulated crash). */
    public void close(boolean discard) {
        this.discard = discard;
        buffer.close(discard);
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        try {
            while (true) {
                var batch = buffer.next();
                if (!discard) {
                    write(batch.items());
                }
                buffer.written(batch);
                if (batch.items().isEmpty() && buffer.drained()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            buffer.finish();
        }
    }

    /** Applies age retention, then writes the records of {@code items} still retained and deletes dead batches. */
    private void write(List<Retained> items) {
        long cutoff = cutoffMicros();
        index.sweep(cutoff);
        var batch = new StoredBatch(nextSequence, graveyard);
        for (var record : items) {
            if (record.startMicros() < cutoff) {
                index.evict(record); // expired before it was written: never write it
            } else if (record.assign(batch)) {
                codec.add(record.activation());
            }
        }
        int count = codec.count();
        var bytes = count == 0 ? null : codec.finish();
        var dead = new ArrayList<Long>();
        for (Long sequence = graveyard.poll(); sequence != null; sequence = graveyard.poll()) {
            dead.add(sequence);
        }
        try {
            if (bytes != null) {
                io.run(() -> log.append(batch.sequence(), bytes, dead));
            } else if (!dead.isEmpty()) {
                io.run(() -> log.delete(dead));
            }
        } catch (RuntimeException e) {
            buffer.lost(count);
            graveyard.addAll(dead);
            LOG.log(System.Logger.Level.WARNING, "could not write " + count + " activation records", e);
        }
        if (bytes != null) {
            nextSequence++;
            batch.release();
        }
    }

    private long cutoffMicros() {
        return ActivationKeys.micros(options.clock().instant().minus(options.activationMaxAge()));
    }
}
