package dev.kumo.store.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-off between threads that record activations and the background writer. Offering never
 * waits: when the buffer is full the oldest pending record is dropped (from the buffer: it is never
 * written) and counted, so a slow disk costs activation history, never invocation latency. The writer takes batches of up to {@code maxBatch} records,
 * waiting up to {@code linger} after the first one so that a trickle of records still makes few commits.
 * Flushes are numbered tickets: a ticket is served once a batch taken after it emptied the buffer has
 * been written.
 *
 * @param <T> the records
 */
public final class ActivationBuffer<T> {

    /** Records to write, and the flush ticket that is served once they are written. */
    public record Batch<T>(List<T> items, long flushTicket) {
    }

    private final int capacity;
    private final int maxBatch;
    private final long lingerNanos;
    private final long idleNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final Condition served = lock.newCondition();
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private long dropped;
    private long flushTickets;
    private long servedTickets;
    private boolean closed;
    private boolean finished;

    /**
     * @param capacity most pending records
     * @param maxBatch most records per batch
     * @param linger   longest wait for a batch to fill once it has a record
     * @param idle     longest wait for a first record; the writer then gets an empty batch (to prune)
     */
    public ActivationBuffer(int capacity, int maxBatch, long linger, long idle, TimeUnit unit) {
        this.capacity = capacity;
        this.maxBatch = maxBatch;
        this.lingerNanos = unit.toNanos(linger);
        this.idleNanos = unit.toNanos(idle);
    }

    /** Queues {@code pending}; returns the record dropped to make room, or {@code pending} itself when closed. */
    public Optional<T> offer(T pending) {
        lock.lock();
        try {
            if (closed) {
                dropped++;
                return Optional.of(pending);
            }
            Optional<T> out = Optional.empty();
            if (queue.size() >= capacity) {
                out = Optional.of(queue.removeFirst());
                dropped++;
            }
            queue.addLast(pending);
            if (queue.size() == 1 || queue.size() >= maxBatch) {
                ready.signal();
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the next batch; empty when idle, and empty once closed and drained. */
    public Batch<T> next() throws InterruptedException {
        lock.lock();
        try {
            long wait = idleNanos;
            while (queue.isEmpty() && !closed && !flushPending() && wait > 0) {
                wait = ready.awaitNanos(wait);
            }
            wait = lingerNanos;
            while (!queue.isEmpty() && queue.size() < maxBatch && !closed && !flushPending() && wait > 0) {
                wait = ready.awaitNanos(wait);
            }
            var items = new ArrayList<T>(Math.min(queue.size(), maxBatch));
            while (items.size() < maxBatch && !queue.isEmpty()) {
                items.add(queue.removeFirst());
            }
            return new Batch<>(items, queue.isEmpty() ? flushTickets : servedTickets);
        } finally {
            lock.unlock();
        }
    }

    /** Reports {@code batch} written (or given up on), serving the flushes it covers. */
    public void written(Batch<?> batch) {
        lock.lock();
        try {
            servedTickets = Math.max(servedTickets, batch.flushTicket());
            served.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every record offered before the call is written, or the writer has stopped. */
    public void flush() {
        lock.lock();
        try {
            long ticket = ++flushTickets;
            ready.signal();
            while (servedTickets < ticket && !finished) {
                served.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Counts records the writer failed to write. */
    public void lost(int count) {
        lock.lock();
        try {
            dropped += count;
        } finally {
            lock.unlock();
        }
    }

    /** Records dropped so far: pushed out by a full buffer, offered after close, or lost to a write failure. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting records; {@code discard} also forgets those still pending (a simulated crash). */
    public void close(boolean discard) {
        lock.lock();
        try {
            closed = true;
            if (discard) {
                queue.clear();
            }
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the writer may stop: closed and nothing left. */
    public boolean drained() {
        lock.lock();
        try {
            return closed && queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Called by the writer as it stops, releasing anyone still waiting on a flush. */
    public void finish() {
        lock.lock();
        try {
            finished = true;
            served.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private boolean flushPending() {
        return flushTickets > servedTickets;
    }
}
