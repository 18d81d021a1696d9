package dev.kumo.store.internal;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.Page;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every retained activation, in memory: a ring of the last {@code capacity} records in the order they
 * were recorded, plus a map by id. Recording is the hot path (every invocation), so it costs one map put,
 * one ring slot swap and the eviction of the record the slot held: no ordered structure is maintained.
 * Listings sort instead: a ring read newest-recorded first is already nearly in start order (a record
 * arrives when its invocation ends), which TimSort orders in about one comparison per record.
 *
 * <p>Retention by count keeps the last {@code capacity} records recorded. Retention by age is exact for
 * readers, which skip records that started before the cutoff they are given; {@link #sweep} evicts them.
 * Lock-free and safe for any number of recording and reading threads; {@link #sweep} has one caller.
 */
public final class ActivationIndex {

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Retained[].class);

    private final Retained[] ring;
    private final AtomicLong recorded = new AtomicLong();
    private final ConcurrentHashMap<String, Retained> byId;
    private long swept; // records before this one are evicted or not yet expired; sweep's own

    /** An empty index holding at most {@code capacity} records. */
    public ActivationIndex(int capacity) {
        this.ring = new Retained[capacity];
        this.byId = new ConcurrentHashMap<>(Math.min(capacity, 1 << 16) * 2);
    }

    /** Adds {@code record}, replacing one with the same id and evicting the oldest recorded when full. */
    public void add(Retained record) {
        var previous = byId.put(record.id(), record);
        if (previous != null) {
            evict(previous); // the same activation recorded twice: the new record replaces it
        }
        long position = recorded.getAndIncrement();
        record.position(position);
        var pushedOut = (Retained) SLOTS.getAndSet(ring, slot(position), record);
        if (pushedOut != null) {
            forget(pushedOut);
        }
    }

    /** Drops {@code record} from memory; idempotent. */
    public void evict(Retained record) {
        SLOTS.compareAndSet(ring, slot(record.position()), record, null);
        forget(record);
    }

    private void forget(Retained record) {
        byId.remove(record.id(), record);
        record.evict();
    }

    /** The record of activation {@code id}, unless it started before {@code cutoffMicros}. */
    public Optional<Activation> get(String id, long cutoffMicros) {
        var record = byId.get(id);
        return record == null || !live(record, cutoffMicros) ? Optional.empty() : Optional.of(record.activation());
    }

    /**
     * Up to {@code limit} records newest first, after {@code after} when present, of one function unless
     * {@code function} is empty, of one status when {@code status} is present, leaving out those that
     * started before {@code cutoffMicros}.
     */
    public Page<Activation> page(String function, Optional<ActivationStatus> status, Optional<Retained> after,
                                 int limit, long cutoffMicros) {
        long end = recorded.get();
        var picked = new ArrayList<Retained>();
        for (long n = end - 1; n >= 0 && n >= end - ring.length; n--) {
            var record = (Retained) SLOTS.getAcquire(ring, slot(n));
            if (record != null && live(record, cutoffMicros)
                    && (function.isEmpty() || record.activation().function().equals(function))
                    && (status.isEmpty() || record.activation().status() == status.get())
                    && (after.isEmpty() || record.compareTo(after.get()) > 0)) {
                picked.add(record);
            }
        }
        picked.sort(null);
        var items = new ArrayList<Activation>(Math.min(limit, picked.size()));
        for (int i = 0; i < picked.size() && i < limit; i++) {
            items.add(picked.get(i).activation());
        }
        return new Page<>(items, picked.size() > limit
                ? Optional.of(ActivationKeys.timeKey(items.getLast())) : Optional.empty());
    }

    /**
     * The records whose parent is {@code parentId}, oldest first, leaving out those that started before
     * {@code cutoffMicros}. Scans every retained record: trees are read rarely, and keeping a second index
     * would cost every invocation.
     */
    public List<Activation> children(ActivationId parentId, long cutoffMicros) {
        long end = recorded.get();
        var picked = new ArrayList<Activation>();
        var parent = Optional.of(parentId);
        for (long n = end - 1; n >= 0 && n >= end - ring.length; n--) {
            var record = (Retained) SLOTS.getAcquire(ring, slot(n));
            if (record != null && live(record, cutoffMicros) && record.activation().parentId().equals(parent)) {
                picked.add(record.activation());
            }
        }
        picked.sort(Comparator.comparing(Activation::start).thenComparing(a -> a.id().value()));
        return picked;
    }

    /**
     * Evicts the oldest recorded records while they started before {@code cutoffMicros}. Stops at the first one still retained: a record that started long before those around it is
     * left to readers' filtering and to eviction by count. Called by one thread at a time.
     */
    public void sweep(long cutoffMicros) {
        long end = recorded.get();
        long n = Math.max(swept, end - ring.length);
        for (; n < end; n++) {
            var record = (Retained) SLOTS.getAcquire(ring, slot(n));
            if (record == null || record.evicted()) {
                continue;
            }
            if (record.startMicros() >= cutoffMicros) {
                break;
            }
            evict(record);
        }
        swept = n;
    }

    private static boolean live(Retained record, long cutoffMicros) {
        return !record.evicted() && record.startMicros() >= cutoffMicros;
    }

    private int slot(long n) {
        return (int) (n % ring.length);
    }
}
