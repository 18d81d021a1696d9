package dev.kumo.store.internal;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.Page;
import dev.kumo.spi.store.ActivationStore;
import dev.kumo.store.StoreOptions;
import dev.kumo.store.internal.ActivationBuffer.Batch;
import dev.kumo.store.internal.ActivationBuffer.Pending;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link ActivationStore} that never touches the disk on {@link #record}: a record goes into an in-memory
 * map of pending records (so reads see it at once) and into an {@link ActivationBuffer} that a background
 * virtual thread drains into the {@link ActivationLog}, one commit per batch, applying retention as it goes.
 * Reads merge the pending records with the log; both are sorted by the same key, so pages stay consistent.
 */
public final class MvActivationStore implements ActivationStore {

    static final int QUEUE_CAPACITY = 4_096;
    static final int MAX_BATCH = 512;
    static final Duration LINGER = Duration.ofMillis(200);
    static final Duration IDLE = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(MvActivationStore.class.getName());

    private final ActivationLog log;
    private final StoreIo io;
    private final JsonCodec json;
    private final StoreOptions options;
    private final ActivationBuffer buffer = new ActivationBuffer(QUEUE_CAPACITY, MAX_BATCH,
            LINGER.toMillis(), IDLE.toMillis(), TimeUnit.MILLISECONDS);
    private final ConcurrentSkipListMap<String, Activation> pending = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, String> pendingKeys = new ConcurrentHashMap<>();
    private final Thread writer;

    /** Applies retention to what is stored and starts the writer. */
    public MvActivationStore(ActivationLog log, StoreIo io, JsonCodec json, StoreOptions options) {
        this.log = log;
        this.io = io;
        this.json = json;
        this.options = options;
        io.run(() -> log.append(List.of(), cutoffMicros(), options.maxActivations()));
        this.writer = Thread.ofVirtual().name("kumo-activation-writer").start(this::drain);
    }

    @Override
    public void record(Activation activation) {
        var key = ActivationKeys.timeKey(activation);
        pending.put(key, activation);
        pendingKeys.put(activation.id().value(), key);
        buffer.offer(new Pending(key, activation)).ifPresent(this::forget);
    }

    @Override
    public Optional<Activation> get(ActivationId id) {
        var key = pendingKeys.get(id.value());
        var recent = key == null ? null : pending.get(key);
        if (recent != null) {
            return Optional.of(recent);
        }
        return io.call(() -> log.get(id.value())).map(s -> json.read(s, Activation.class));
    }

    @Override
    public Page<Activation> list(String function, String token, int limit) {
        Pagination.checkLimit(limit);
        InvalidRequestException.require(token.isEmpty() || ActivationKeys.isTimeKey(token), "token",
                "not an activation page token: '" + token + "'");
        int want = limit == Integer.MAX_VALUE ? limit : limit + 1;
        // Pending first: the writer removes a record from it only after putting it in the log.
        var merged = new TreeMap<String, Object>();
        for (var e : (token.isEmpty() ? pending : pending.tailMap(token, false)).entrySet()) {
            if (merged.size() >= want) {
                break;
            }
            if (function.isEmpty() || e.getValue().function().equals(function)) {
                merged.put(e.getKey(), e.getValue());
            }
        }
        for (var row : io.call(() -> log.scan(function, token, want))) {
            merged.putIfAbsent(row.key(), row.json());
        }
        var items = new ArrayList<Activation>(Math.min(limit, merged.size()));
        for (var value : merged.values()) {
            if (items.size() == limit) {
                break;
            }
            items.add(value instanceof Activation a ? a : json.read((String) value, Activation.class));
        }
        Optional<String> next = merged.size() > limit
                ? Optional.of(ActivationKeys.timeKey(items.getLast())) : Optional.empty();
        return new Page<>(items, next);
    }

    /** Activation writes dropped because the buffer was full, the store closed, or a write failed. */
    public long dropped() {
        return buffer.dropped();
    }

    /** Writes every record offered so far and applies retention; returns once committed (not synced). */
    public void flush() {
        buffer.flush();
    }

    /** Stops the writer; it first writes what is pending unless {@code discard} (a simulated crash). */
    public void close(boolean discard) {
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
                if (batch.items().isEmpty() && buffer.drained()) {
                    buffer.written(batch);
                    return;
                }
                write(batch);
                buffer.written(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            buffer.finish();
        }
    }

    private void write(Batch batch) {
        try {
            var rows = new ArrayList<ActivationLog.Row>(batch.items().size());
            for (var p : batch.items()) {
                rows.add(new ActivationLog.Row(p.key(), p.activation().function(), json.write(p.activation())));
            }
            io.run(() -> log.append(rows, cutoffMicros(), options.maxActivations()));
        } catch (RuntimeException e) {
            buffer.lost(batch.items().size());
            LOG.log(System.Logger.Level.WARNING, "could not write " + batch.items().size()
                    + " activation records", e);
        }
        batch.items().forEach(this::forget);
    }

    private void forget(Pending p) {
        pending.remove(p.key(), p.activation());
        pendingKeys.remove(p.activation().id().value(), p.key());
    }

    private long cutoffMicros() {
        return ActivationKeys.micros(options.clock().instant().minus(options.activationMaxAge()));
    }
}
