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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * lanes keep the invocations themselves, payload included, so their payload bytes are reserved with the
 * depth, across all functions, in a {@code PayloadBudget} of {@code maxQueuedBytes} that bounds what clients
 * submit too (destination, schedule and resumed invocations are counted but never refused).
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
    private final PayloadBudget budget;
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
     * @param maxDepth most invocations of one function that clients may have queued or running
     * @param maxBytes most payload bytes of all invocations held, past which client submissions are refused
     * @param timer    runs the short tasks that move delayed invocations into their lane when due
     */
    public WorkQueues(InvocationTarget target, int maxDepth, long maxBytes, ScheduledExecutorService timer,
                      InstantSource clock, AsyncMetrics metrics) {
        this.target = target;
        this.maxDepth = maxDepth;
        this.budget = new PayloadBudget(maxBytes);
        this.timer = timer;
        this.clock = clock;
        this.metrics = metrics;
        metrics.queuedBytes(budget::held);
    }

    /** Starts dispatching what was submitted so far and from now on. */
    public void start(Runner attemptRunner) {
        this.runner = attemptRunner;
        lanes.values().forEach(this::dispatch);
    }

    /**
     * Reserves depth and payload bytes for new invocations that a client submits together (one invoke or
     * redrive, or every delivery of a topic event): all of them, or none.
     *
     * @throws LimitExceededException when a function would hold more than {@code maxQueueDepth}, or the node
     *                                more than {@code maxQueuedBytes} of payloads
     */
    public void admit(List<QueuedInvocation> invocations) {
        Map<String, Integer> perFunction = new LinkedHashMap<>();
        invocations.forEach(i -> perFunction.merge(i.function(), 1, Integer::sum));
        Map<String, Integer> reserved = new LinkedHashMap<>();
        try {
            perFunction.forEach((function, count) -> {
                admitDepth(function, count);
                reserved.put(function, count);
            });
            budget.take(bytes(invocations));
        } catch (RuntimeException e) {
            reserved.forEach((function, count) -> addDepth(function, -count));
            throw e;
        }
    }

    /** {@link #admit(List)} of one invocation. */
    public void admit(QueuedInvocation invocation) {
        admit(List.of(invocation));
    }

    /**
     * Reserves depth and payload bytes without a bound: for invocations the platform creates (destinations,
     * schedules, resumes).
     */
    public void reserve(QueuedInvocation invocation) {
        addDepth(invocation.function(), 1);
        budget.add(invocation.payload().length);
    }

    /** Gives back what {@link #admit} reserved for invocations that were not stored. */
    public void unreserve(List<QueuedInvocation> invocations) {
        invocations.forEach(i -> addDepth(i.function(), -1));
        budget.give(bytes(invocations));
    }

    /** {@link #unreserve(List)} of one invocation. */
    public void unreserve(QueuedInvocation invocation) {
        unreserve(List.of(invocation));
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

    /** An attempt ended and the invocation left the queue (success or dead letter): frees its depth and bytes. */
    public void finished(QueuedInvocation invocation) {
        budget.give(invocation.payload().length);
        settled(invocation.function(), true);
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

    private void admitDepth(String function, int count) {
        Lane lane = lane(function);
        synchronized (lane) {
            if (lane.depth + count > maxDepth) {
                throw new LimitExceededException("the async queue of function '" + function + "' is full ("
                        + lane.depth + " invocations waiting or running, at most " + maxDepth + ")", FULL_RETRY_AFTER);
            }
            lane.depth += count;
        }
    }

    private void addDepth(String function, int count) {
        Lane lane = lane(function);
        synchronized (lane) {
            lane.depth += count;
        }
    }

    private static long bytes(List<QueuedInvocation> invocations) {
        long sum = 0;
        for (QueuedInvocation invocation : invocations) {
            sum += invocation.payload().length;
        }
        return sum;
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
