package dev.kumo.async;

import dev.kumo.async.internal.ActivationRecords;
import dev.kumo.async.internal.AsyncMetrics;
import dev.kumo.async.internal.Backoff;
import dev.kumo.async.internal.CallbackHosts;
import dev.kumo.async.internal.CallbackSender;
import dev.kumo.async.internal.Destinations;
import dev.kumo.async.internal.Intake;
import dev.kumo.async.internal.ScheduleExpression;
import dev.kumo.async.internal.Scheduler;
import dev.kumo.async.internal.Topics;
import dev.kumo.async.internal.WorkQueues;
import dev.kumo.async.internal.Worker;
import dev.kumo.core.ActivationId;
import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.NotFoundException;
import dev.kumo.core.Page;
import dev.kumo.core.event.DeadLetter;
import dev.kumo.core.event.Enqueued;
import dev.kumo.core.event.QueuedInvocation;
import dev.kumo.core.event.Rule;
import dev.kumo.core.event.Schedule;
import dev.kumo.core.event.Trigger;
import dev.kumo.spi.store.AsyncQueue;
import dev.kumo.spi.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asynchronous invocations of one node: accepts them durably, runs them with each function's concurrency
 * limit, retries failures with exponential backoff and jitter, moves what keeps failing to the dead-letter
 * store, invokes {@code onSuccess}/{@code onFailure} destinations, POSTs callbacks, fires schedules and fans
 * topic events out to rules.
 *
 * <p>Nothing acknowledged is lost: an invocation is acknowledged once {@link AsyncQueue#enqueue} has synced
 * it, and it leaves the store only in the atomic write that stores what follows it (dead letter,
 * destination invocations, callback). After a crash {@link #start} resumes everything stored; an attempt
 * that was running runs again (at-least-once; use an idempotency key or an idempotent function for an
 * effect that must happen once).
 *
 * <p>Threads: a virtual thread per attempt (at most the function's {@code maxInFlight} at once), one timer
 * thread that moves delayed retries and callbacks back when due, one scheduler thread, and a virtual thread
 * per callback try. Memory: the queued invocations, payloads included, are held in memory; their payloads
 * are bounded node-wide by {@code maxQueuedBytes} (gauge {@code kumo.async.queued.bytes}) for what clients
 * submit, and their number per function by {@code maxQueueDepth}. What the platform creates (destination and
 * schedule invocations, invocations resumed at start) is counted but never refused.
 *
 * <p>Errors: {@link dev.kumo.core.InvalidRequestException} (400, names the field),
 * {@link dev.kumo.core.NotFoundException} (404), {@link dev.kumo.core.ConflictException} (409),
 * {@link dev.kumo.core.LimitExceededException} (429); {@link IllegalStateException} after {@link #close}.
 */
public final class AsyncRuntime implements AutoCloseable {

    /** How long {@link #close} waits for running attempts. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);
    private static final int MAX_IDEMPOTENCY_KEY = 256;

    private final AsyncSettings settings;
    private final Store store;
    private final InvocationTarget target;
    private final InstantSource clock;
    private final CallbackHosts callbackHosts;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("kumo-async-timer").factory());
    private final WorkQueues queues;
    private final Intake intake;
    private final CallbackSender callbacks;
    private final Worker worker;
    private final Scheduler scheduler;
    private final Topics topics;
    private volatile boolean closed;

    private AsyncRuntime(AsyncSettings settings, Store store, InvocationTarget target, InstantSource clock,
                         MeterRegistry meters) {
        this.settings = settings;
        this.store = store;
        this.target = target;
        this.clock = clock;
        this.callbackHosts = new CallbackHosts(settings.callbackHosts());
        var metrics = new AsyncMetrics(meters);
        var records = new ActivationRecords(store.activations());
        var backoff = new Backoff(settings.retryBase(), settings.retryMax());
        var mapper = JsonMapper.builder().build();
        this.queues = new WorkQueues(target, settings.maxQueueDepth(), settings.maxQueuedBytes(), timer, clock,
                metrics);
        this.intake = new Intake(target, records, queues, metrics);
        this.callbacks = new CallbackSender(callbackHosts, store.queue(), backoff, settings.callbackAttempts(), timer,
                clock, metrics, mapper);
        this.worker = new Worker(target, store.queue(), records, queues, intake, new Destinations(target, mapper),
                callbacks, backoff, clock, metrics);
        this.scheduler = new Scheduler(store.schedules(), store.queue(), clock, intake::created);
        this.topics = new Topics(store.triggers(), store.rules(), store.queue(), target, queues, intake, clock);
    }

    /**
     * Resumes what the store holds (queued invocations, callbacks, schedules) and starts the workers.
     *
     * @param settings node-wide limits and retry timing
     * @param store    the durable queue, the schedule, trigger and rule registries, and activation records
     * @param target   runs attempts: the node's dispatcher
     * @param clock    the only source of wall-clock time (acceptance, ages, backoff deadlines, schedule ticks)
     * @param meters   where the {@code kumo.async.*} meters are registered
     */
    public static AsyncRuntime start(AsyncSettings settings, Store store, InvocationTarget target,
                                     InstantSource clock, MeterRegistry meters) {
        var runtime = new AsyncRuntime(settings, store, target, clock, meters);
        try {
            runtime.resume();
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    private void resume() {
        AsyncQueue queue = store.queue();
        queue.pending().forEach(intake::resumed);
        queue.pendingCallbacks().forEach(callbacks::submit);
        scheduler.load();
        queues.start(worker);
        scheduler.start();
    }

    /**
     * Accepts an invocation durably: returns once it is stored and synced. Duplicate/Conflict for an
     * idempotency key the function used within the window (nothing stored).
     *
     * @throws NotFoundException                    when the function or qualifier does not resolve
     * @throws InvalidRequestException              for a malformed idempotency key or a callback URL that is
     *                                              not allowed
     * @throws dev.kumo.core.LimitExceededException when the function's queue is full, or the node already holds
     *                                              {@code maxQueuedBytes} of payloads (nothing stored)
     */
    public Enqueued invoke(AsyncRequest request) {
        requireOpen();
        target.resolve(request.function(), request.qualifier());
        request.idempotencyKey().ifPresent(AsyncRuntime::checkIdempotencyKey);
        request.callbackUrl().ifPresent(callbackHosts::check);
        var invocation = QueuedInvocation.accept(ActivationId.random(), request.function(), request.qualifier(),
                request.payload(), clock.instant(), request.source(), request.callbackUrl(),
                request.idempotencyKey());
        queues.admit(invocation);
        Enqueued enqueued;
        try {
            enqueued = store.queue().enqueue(invocation, settings.idempotencyWindow());
        } catch (RuntimeException e) {
            queues.unreserve(invocation);
            throw e;
        }
        switch (enqueued) {
            case Enqueued.Accepted _ -> intake.accepted(invocation);
            case Enqueued.Duplicate _, Enqueued.Conflict _ -> queues.unreserve(invocation);
        }
        return enqueued;
    }

    /** Dead letters of {@code function}, oldest first. */
    public Page<DeadLetter> deadLetters(String function, String token, int limit) {
        return store.queue().deadLetters(function, token, limit);
    }

    /** One dead letter; NotFoundException when absent. */
    public DeadLetter deadLetter(String function, ActivationId id) {
        return store.queue().deadLetter(function, id).orElseThrow(() -> missingDeadLetter(function, id));
    }

    /**
     * Queues a dead letter again under a new activation id, which it returns: the same function, qualifier,
     * payload and callback, no attempts yet, source {@code redrive:OLDID}; the dead letter is removed in
     * the same atomic write. NotFoundException when absent; LimitExceededException when the queue is full
     * or the node's payload budget is spent.
     */
    public ActivationId redrive(String function, ActivationId id) {
        requireOpen();
        QueuedInvocation dead = deadLetter(function, id).invocation();
        var again = QueuedInvocation.accept(ActivationId.random(), dead.function(), dead.qualifier(), dead.payload(),
                clock.instant(), "redrive:" + id, dead.callbackUrl(), Optional.empty());
        queues.admit(again);
        boolean moved;
        try {
            moved = store.queue().redrive(function, id, again);
        } catch (RuntimeException e) {
            queues.unreserve(again);
            throw e;
        }
        if (!moved) {
            queues.unreserve(again);
            throw missingDeadLetter(function, id);
        }
        intake.accepted(again);
        return again.id();
    }

    /** Deletes a dead letter; NotFoundException when absent. */
    public void deleteDeadLetter(String function, ActivationId id) {
        if (!store.queue().deleteDeadLetter(function, id)) {
            throw missingDeadLetter(function, id);
        }
    }

    /** Queue depth of {@code function}. */
    public QueueStats stats(String function) {
        return queues.stats(function);
    }

    /**
     * Creates or replaces a schedule and arms it; its ticks count from now. Each tick fires at most once,
     * even across restarts; ticks missed while the node was down fire once, for the latest of them.
     *
     * @throws InvalidRequestException naming {@code expression} when the expression is malformed or never fires
     * @throws NotFoundException       when the function or qualifier does not resolve
     */
    public Schedule putSchedule(Schedule schedule) {
        ScheduleExpression.parse(schedule.expression());
        target.resolve(schedule.function(), schedule.qualifier());
        Schedule stored = store.schedules().put(schedule);
        scheduler.arm(stored);
        return stored;
    }

    /** When {@code schedule} fires next; empty when disabled or unknown. */
    public Optional<Instant> nextFire(String schedule) {
        return scheduler.nextFire(schedule);
    }

    /** Deletes and disarms a schedule; false when absent. */
    public boolean deleteSchedule(String name) {
        scheduler.disarm(name);
        boolean deleted = store.schedules().delete(name);
        if (deleted) {
            store.queue().forgetSchedule(name);
        }
        return deleted;
    }

    /** Creates or replaces a trigger. */
    public Trigger putTrigger(Trigger trigger) {
        return topics.putTrigger(trigger);
    }

    /** Deletes a trigger; ConflictException while rules name it; false when absent. */
    public boolean deleteTrigger(String name) {
        return topics.deleteTrigger(name);
    }

    /** Creates or replaces a rule; NotFoundException for an unknown trigger or function. */
    public Rule putRule(Rule rule) {
        return topics.putRule(rule);
    }

    /** Deletes a rule; false when absent. */
    public boolean deleteRule(String name) {
        return topics.deleteRule(name);
    }

    /**
     * Fans {@code payload} out to the functions of the enabled rules of trigger {@code topic}, atomically:
     * one invocation per rule, all stored or none. Empty when no rule is enabled.
     *
     * @throws NotFoundException                    when the trigger does not exist
     * @throws dev.kumo.core.LimitExceededException when the queue of one of the functions is full, or the
     *                                              node's payload budget cannot hold every delivery
     */
    public List<Delivery> publish(String topic, byte[] payload) {
        requireOpen();
        return topics.publish(topic, payload);
    }

    /**
     * Fires the schedules due at {@code now} and answers the next tick of any; the scheduler thread does
     * this on its own, tests call it to drive a manual clock.
     */
    Optional<Instant> fireDueSchedules(Instant now) {
        return scheduler.fireDue(now);
    }

    /**
     * Stops taking work, stops the timers, and waits a few seconds for running attempts to settle; what is
     * unfinished stays stored and resumes at the next start.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.close();
        timer.shutdownNow();
        queues.close(CLOSE_GRACE);
        callbacks.close();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the async runtime is closed");
        }
    }

    private static void checkIdempotencyKey(String key) {
        boolean printable = key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
        InvalidRequestException.require(!key.isEmpty() && key.length() <= MAX_IDEMPOTENCY_KEY && printable,
                "Kumo-Idempotency-Key", "idempotency key must be 1-" + MAX_IDEMPOTENCY_KEY
                        + " printable ASCII characters");
    }

    private static NotFoundException missingDeadLetter(String function, ActivationId id) {
        return new NotFoundException("dead letter " + id + " of function '" + function + "' not found");
    }
}
