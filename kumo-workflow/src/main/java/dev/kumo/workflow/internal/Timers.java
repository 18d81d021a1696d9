package dev.kumo.workflow.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The due times of orchestration timers, held in memory (the runs' journals hold them durably and refill this
 * at start). One virtual thread sleeps until the earliest is due by the injected clock, at most a second at a
 * time so that a clock that jumps (a test's manual clock) is noticed, and hands each due run id to {@code fire}.
 */
public final class Timers implements AutoCloseable {

    private record Due(Instant at, String runId) {
    }

    private static final Duration MAX_NAP = Duration.ofSeconds(1);

    private final InstantSource clock;
    private final Consumer<String> fire;
    private final PriorityQueue<Due> queue = new PriorityQueue<>(Comparator.comparing(Due::at));
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread thread;
    private volatile boolean closed;

    /** Starts the timer thread. */
    public Timers(InstantSource clock, Consumer<String> fire) {
        this.clock = clock;
        this.fire = fire;
        this.thread = Thread.ofVirtual().name("kumo-orchestration-timers").start(this::loop);
    }

    /** Hands {@code runId} to {@code fire} once {@code at} has passed. */
    public void schedule(Instant at, String runId) {
        lock.lock();
        try {
            queue.add(new Due(at, runId));
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (!closed) {
            lock.lock();
            try {
                var first = queue.peek();
                var nap = first == null ? MAX_NAP : Duration.between(clock.instant(), first.at());
                if (nap.compareTo(MAX_NAP) > 0) {
                    nap = MAX_NAP;
                }
                if (nap.isPositive()) {
                    changed.awaitNanos(nap.toNanos());
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            fireDue();
        }
    }

    private void fireDue() {
        var due = new ArrayList<String>();
        lock.lock();
        try {
            var now = clock.instant();
            while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
                due.add(queue.poll().runId());
            }
        } finally {
            lock.unlock();
        }
        due.forEach(fire);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
