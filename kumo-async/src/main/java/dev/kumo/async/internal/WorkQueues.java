package dev.kumo.async.internal;

import dev.kumo.async.InvocationTarget;
import dev.kumo.async.QueueStats;
import dev.kumo.core.LimitExceededException;
import dev.kumo.core.NotFoundException;
import dev.kumo.core.event.QueuedInvocation;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory side of the durable queue: one lane per function with a FIFO of invocations due now, the
 * invocations waiting on the timer for their {@code notBefore}, and counters. A lane starts an attempt on a
 * new virtual thread whenever it has a due invocation and fewer attempt threads than the function's
 * concurrency limit ({@code maxInFlight} of the version the head invocation resolves to, read at every
 * dispatch so a redeploy takes effect at once). An attempt thread holds its slot until the dispatcher
 * returns, even when its outcome came early at the deadline, so a function that ignores interrupts cannot
 * exceed its limit.
 *
 * <p>Depth is the number of invocations of a function this node holds (due, delayed or attempting); it is
 * reserved before an invocation is stored and bounded by {@code maxQueueDepth} for what clients submit. The
 * lanes keep the invocations themselves, payload included, so their memory is bounded by
 * {@code maxQueueDepth x} the async payload limit per function (plus destination and schedule invocations,
 * which are never refused).
 */
public final class WorkQueues {

    /** Runs one attempt of an invocation on the calling virtual thread. */
    public interface Runner {

        /**
         * Runs the attempt; reports through {@link WorkQueues#released}, then {@link WorkQueues#requeue},
         * {@link WorkQueues#requeueAfter} or {@link WorkQueues#finished}.
         */
        void run(QueuedInvocation invocation);
    }

    /** Concurrency of a function that no longer resolves: its invocations only go to the dead-letter store. */
    private static final int UNRESOLVED_LIMIT = 16;

    /** When a client may try a full queue again. */
    private static final Duration FULL_RETRY_AFTER = Duration.ofSeconds(1);

    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
    private final InvocationTarget target;
    private final int maxDepth;
    private final ScheduledExecutorService timer;
    private final InstantSource clock;
    private final AsyncMetrics metrics;
    private final ThreadFactory attempts = Thread.ofVirtual().name("kumo-async-attempt").factory();
    private final Object quiet = new Object();
    private volatile Runner runner;
    private volatile boolean closed;

    /** One function's lane; every field is guarded by the lane's monitor. */
    private static final class Lane {
        final ArrayDeque<QueuedInvocation> due = new ArrayDeque<>();
        int depth;
        int attempting;
        int threads;
    }

    /**
     * Creates the lanes; nothing runs until {@link #start}.
     *
     * @param timer runs the short tasks that move delayed invocations into their lane when due
     */
    public WorkQueues(InvocationTarget target, int maxDepth, ScheduledExecutorService timer, InstantSource clock,
                      AsyncMetrics metrics) {
        this.target = target;
        this.maxDepth = maxDepth;
        this.timer = timer;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Starts dispatching what was submitted so far and from now on. */
    public void start(Runner attemptRunner) {
        this.runner = attemptRunner;
        lanes.values().forEach(this::dispatch);
    }

    /**
     * Reserves depth for {@code count} new invocations of {@code function} that a client submits.
     *
     * @throws LimitExceededException when the function would hold more than {@code maxQueueDepth}
     */
    public void admit(String function, int count) {
        Lane lane = lane(function);
        synchronized (lane) {
            if (lane.depth + count > maxDepth) {
                throw new LimitExceededException("the async queue of function '" + function + "' is full ("
                        + lane.depth + " invocations waiting or running, at most " + maxDepth + ")", FULL_RETRY_AFTER);
            }
            lane.depth += count;
        }
    }

    /** Reserves depth without a bound: for invocations the platform creates (destinations, schedules, resumes). */
    public void reserve(String function, int count) {
        Lane lane = lane(function);
        synchronized (lane) {
            lane.depth += count;
        }
    }

    /** Gives back depth reserved for invocations that were not stored. */
    public void unreserve(String function, int count) {
        Lane lane = lane(function);
        synchronized (lane) {
            lane.depth -= count;
        }
    }

    /** Queues a stored invocation whose depth is reserved; it runs once its {@code notBefore} has come. */
    public void submit(QueuedInvocation invocation) {
        Duration wait = Duration.between(clock.instant(), invocation.notBefore());
        if (wait.isPositive()) {
            later(invocation, wait);
        } else {
            due(invocation);
        }
    }

    /** The attempt thread of an invocation of {@code function} returned: frees its slot. */
    public void released(String function) {
        Lane lane = lane(function);
        synchronized (lane) {
            lane.threads--;
        }
        dispatch(lane);
        signalQuiet();
    }

    /** An attempt ended and the invocation goes back to the queue (a retry), due at its {@code notBefore}. */
    public void requeue(QueuedInvocation invocation) {
        settled(invocation.function(), false);
        submit(invocation);
    }

    /** An attempt was refused by a limit: the invocation tries again after {@code wait}, not counted as an attempt. */
    public void requeueAfter(QueuedInvocation invocation, Duration wait) {
        settled(invocation.function(), false);
        later(invocation, wait);
    }

    /** An attempt ended and the invocation left the queue (success or dead letter). */
    public void finished(String function) {
        settled(function, true);
    }

    /**
     * The queue of {@code function} now: {@code running} counts attempts whose outcome is not known yet, so
     * an attempt whose timeout was reported early counts as queued again (for its retry) even while its
     * thread still holds a concurrency slot; {@code queued + running} is the depth.
     */
    public QueueStats stats(String function) {
        Lane lane = lanes.get(function);
        if (lane == null) {
            return new QueueStats(0, 0);
        }
        synchronized (lane) {
            return new QueueStats(lane.depth - lane.attempting, lane.attempting);
        }
    }

    /**
     * Stops starting attempts and waits up to {@code grace} for running ones to return and settle; what is
     * unfinished stays stored. The timer is the caller's to stop.
     */
    public void close(Duration grace) {
        closed = true;
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (quiet) {
            while (busy()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(quiet, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void settled(String function, boolean left) {
        Lane lane = lane(function);
        synchronized (lane) {
            lane.attempting--;
            if (left) {
                lane.depth--;
            }
        }
        signalQuiet();
    }

    private void later(QueuedInvocation invocation, Duration wait) {
        try {
            timer.schedule(() -> due(invocation), wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Closing: the invocation stays stored and resumes at the next start.
        }
    }

    private void due(QueuedInvocation invocation) {
        Lane lane = lane(invocation.function());
        synchronized (lane) {
            lane.due.addLast(invocation);
        }
        dispatch(lane);
    }

    private void dispatch(Lane lane) {
        Runner run = runner;
        if (run == null) {
            return;
        }
        List<QueuedInvocation> starting = new ArrayList<>();
        synchronized (lane) {
            while (!closed && !lane.due.isEmpty() && lane.threads < limit(lane.due.peekFirst())) {
                starting.add(lane.due.pollFirst());
                lane.threads++;
                lane.attempting++;
            }
        }
        for (QueuedInvocation invocation : starting) {
            attempts.newThread(() -> run.run(invocation)).start();
        }
    }

    private int limit(QueuedInvocation invocation) {
        try {
            return target.resolve(invocation.function(), invocation.qualifier()).config().maxInFlight();
        } catch (NotFoundException e) {
            return UNRESOLVED_LIMIT;
        }
    }

    private Lane lane(String function) {
        Lane lane = lanes.get(function);
        if (lane != null) {
            return lane;
        }
        return lanes.computeIfAbsent(function, f -> {
            var created = new Lane();
            metrics.depth(f, () -> {
                synchronized (created) {
                    return created.depth;
                }
            });
            return created;
        });
    }

    private boolean busy() {
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                if (lane.threads > 0 || lane.attempting > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private void signalQuiet() {
        if (closed) {
            synchronized (quiet) {
                quiet.notifyAll();
            }
        }
    }
}
