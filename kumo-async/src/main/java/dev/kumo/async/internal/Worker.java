package dev.kumo.async.internal;

import dev.kumo.async.InvocationTarget;
import dev.kumo.async.internal.Outcome.Condition;
import dev.kumo.core.Activation;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.AsyncConfig;
import dev.kumo.core.ErrorInfo;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.InvocationRequest;
import dev.kumo.core.InvocationResult;
import dev.kumo.core.NotFoundException;
import dev.kumo.core.event.CallbackDelivery;
import dev.kumo.core.event.DeadLetter;
import dev.kumo.core.event.FollowUp;
import dev.kumo.core.event.QueuedInvocation;
import dev.kumo.spi.store.AsyncQueue;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs one attempt of a queued invocation and settles its outcome in the store:
 *
 * <ul>
 *   <li>success: removed from the queue with its {@code onSuccess} destination and callback;</li>
 *   <li>function error or timeout: stored again with the attempt in its history, due after a backoff, while
 *       attempts stay within {@code maxRetries + 1} and the event within {@code maxEventAgeSeconds};
 *       otherwise dead-lettered with its {@code onFailure} destination and callback;</li>
 *   <li>invalid input: dead-lettered at once (the same payload can never succeed);</li>
 *   <li>rejected by a limit: not an attempt; it waits the {@code retryAfter} the dispatcher gave and tries
 *       again, uncounted;</li>
 *   <li>function gone, or the event too old when its turn comes: dead-lettered without running.</li>
 * </ul>
 *
 * <p>The outcome is the first of the dispatcher's early timeout and its return: a function that ignores the
 * interrupt does not hold back its retries, though its thread keeps its concurrency slot until it returns.
 * When the store fails while settling, the invocation stays stored as it was and is tried again after the
 * longest backoff, uncounted.
 */
public final class Worker implements WorkQueues.Runner {

    private static final System.Logger LOG = System.getLogger(Worker.class.getName());

    private final InvocationTarget target;
    private final AsyncQueue queue;
    private final ActivationRecords records;
    private final WorkQueues queues;
    private final Intake intake;
    private final Destinations destinations;
    private final CallbackSender callbacks;
    private final Backoff backoff;
    private final InstantSource clock;
    private final AsyncMetrics metrics;
    private final ThreadFactory settlers = Thread.ofVirtual().name("kumo-async-settle").factory();

    /** Creates a worker; {@link WorkQueues} calls {@link #run} on a virtual thread per attempt. */
    public Worker(InvocationTarget target, AsyncQueue queue, ActivationRecords records, WorkQueues queues,
                  Intake intake, Destinations destinations, CallbackSender callbacks, Backoff backoff,
                  InstantSource clock, AsyncMetrics metrics) {
        this.target = target;
        this.queue = queue;
        this.records = records;
        this.queues = queues;
        this.intake = intake;
        this.destinations = destinations;
        this.callbacks = callbacks;
        this.backoff = backoff;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** What happens to an invocation after an attempt, once its new state is stored. */
    private sealed interface Next {
    }

    /** It left the queue; what follows it is stored and now enters the node. */
    private record Finished(FollowUp followUp) implements Next {
    }

    /** It is due again at its {@code notBefore}. */
    private record Retry(QueuedInvocation invocation) implements Next {
    }

    /** It tries again after {@code delay}, as stored before (an attempt that did not count, or a store failure). */
    private record Wait(QueuedInvocation invocation, Duration delay) implements Next {
    }

    @Override
    public void run(QueuedInvocation invocation) {
        Instant start = clock.instant();
        FunctionVersion version;
        try {
            version = target.resolve(invocation.function(), invocation.qualifier());
        } catch (NotFoundException e) {
            queues.released(invocation.function());
            settle(invocation, () -> endUnrun(invocation, Optional.empty(), Condition.FUNCTION_NOT_FOUND,
                    "function not found: " + e.getMessage()));
            return;
        }
        if (expired(invocation, version.config().async(), start)) {
            queues.released(invocation.function());
            settle(invocation, () -> endUnrun(invocation, Optional.of(version), Condition.EVENT_AGE_EXCEEDED,
                    ageReason(invocation, version)));
            return;
        }
        int attempt = invocation.attempts() + 1;
        var decided = new AtomicBoolean();
        InvocationResult result;
        try {
            records.running(invocation, version, attempt, start);
            // Received when accepted (or when its retry came due), so the activation's queueMs is the time
            // the invocation waited in the queue.
            var request = new InvocationRequest(invocation.function(), invocation.qualifier(), invocation.payload(),
                    attempt == 1 ? invocation.accepted() : invocation.notBefore(), invocation.id(), attempt);
            result = target.invoke(request, early -> {
                if (decided.compareAndSet(false, true)) {
                    settlers.newThread(() -> settle(invocation, () -> outcome(invocation, version, attempt, start,
                            early))).start();
                }
            });
        } catch (RuntimeException e) {
            // A platform failure, not the function's: bounded like one by the retry policy, and visible.
            result = new InvocationResult.FunctionError(invocation.id(), version.version(), false, ErrorInfo.of(e));
        } finally {
            queues.released(invocation.function());
        }
        InvocationResult returned = result;
        if (decided.compareAndSet(false, true)) {
            settle(invocation, () -> outcome(invocation, version, attempt, start, returned));
        }
    }

    /** Stores the invocation's new state, then moves it in the lanes accordingly. */
    private void settle(QueuedInvocation invocation, Supplier<Next> storing) {
        Next next;
        try {
            next = storing.get();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot settle async invocation " + invocation.id() + " of "
                    + invocation.function() + "; it stays queued and runs again", e);
            next = new Wait(invocation, backoff.max());
        }
        switch (next) {
            case Finished f -> {
                queues.finished(invocation);
                release(f.followUp());
            }
            case Retry r -> queues.requeue(r.invocation());
            case Wait w -> queues.requeueAfter(w.invocation(), w.delay());
        }
    }

    private Next outcome(QueuedInvocation invocation, FunctionVersion version, int attempt, Instant start,
                         InvocationResult result) {
        return switch (result) {
            case InvocationResult.Success s -> succeeded(invocation, version, attempt, start, s);
            case InvocationResult.FunctionError f ->
                    failed(invocation, version, attempt, start, ActivationStatus.ofError(f.error()), f.error(), true);
            case InvocationResult.TimedOut t -> failed(invocation, version, attempt, start, ActivationStatus.TIMEOUT,
                    new ErrorInfo("Timeout", "timed out after " + t.timeout().toMillis() + " ms", List.of()), true);
            case InvocationResult.InvalidInput i -> failed(invocation, version, attempt, start,
                    ActivationStatus.ERROR, new ErrorInfo("InvalidInput", i.message(), List.of()), false);
            case InvocationResult.Rejected r -> {
                records.queued(invocation, Optional.of(version));
                yield new Wait(invocation, r.retryAfter());
            }
            case InvocationResult.NotFound n -> endUnrun(invocation, Optional.empty(), Condition.FUNCTION_NOT_FOUND,
                    "function not found: " + n.message());
        };
    }

    private Next succeeded(QueuedInvocation invocation, FunctionVersion version, int attempt, Instant start,
                           InvocationResult.Success success) {
        Activation record = records.attempt(invocation, version, attempt, start, ActivationStatus.SUCCESS,
                Optional.empty());
        var outcome = new Outcome(invocation, success.version(), Condition.SUCCESS, attempt,
                Optional.of(success.output()), Optional.empty());
        FollowUp followUp = followUp(Optional.empty(), outcome, version.config().async().onSuccess());
        queue.complete(invocation.id(), followUp);
        records.mark(record, ActivationStatus.SUCCESS, invocation.history());
        return new Finished(followUp);
    }

    private Next failed(QueuedInvocation invocation, FunctionVersion version, int attempt, Instant start,
                        ActivationStatus status, ErrorInfo error, boolean retryable) {
        Activation record = records.attempt(invocation, version, attempt, start, status, Optional.of(error));
        Instant now = clock.instant();
        AsyncConfig config = version.config().async();
        boolean expired = expired(invocation, config, now);
        if (retryable && attempt <= config.maxRetries() && !expired) {
            QueuedInvocation retry = invocation.retryAt(now.plus(backoff.delay(attempt)), record.asAttempt());
            queue.reschedule(retry);
            metrics.retried(invocation.function());
            records.mark(record, ActivationStatus.QUEUED, retry.history());
            return new Retry(retry);
        }
        QueuedInvocation last = invocation.retryAt(now, record.asAttempt());
        Condition condition = retryable && expired ? Condition.EVENT_AGE_EXCEEDED : Condition.RETRIES_EXHAUSTED;
        String reason = !retryable ? "invalid input: " + error.message()
                : condition == Condition.EVENT_AGE_EXCEEDED ? ageReason(last, version)
                : "retries exhausted after " + attempt + " attempts";
        var outcome = new Outcome(last, record.version(), condition, attempt, Optional.empty(),
                Optional.of(record.error().orElse(error)));
        FollowUp followUp = followUp(Optional.of(new DeadLetter(last, now, reason)), outcome, config.onFailure());
        queue.complete(invocation.id(), followUp);
        metrics.deadLettered(invocation.function());
        records.mark(record, ActivationStatus.DEAD_LETTERED, last.history());
        return new Finished(followUp);
    }

    /** Dead-letters an invocation whose next attempt does not run. */
    private Next endUnrun(QueuedInvocation invocation, Optional<FunctionVersion> version, Condition condition,
                          String reason) {
        Instant now = clock.instant();
        var error = new ErrorInfo(condition.wireName(), reason, List.of());
        var outcome = new Outcome(invocation, version.map(FunctionVersion::version).orElse(invocation.qualifier()),
                condition, invocation.attempts(), Optional.empty(), Optional.of(error));
        Optional<String> destination = version.flatMap(v -> v.config().async().onFailure());
        FollowUp followUp = followUp(Optional.of(new DeadLetter(invocation, now, reason)), outcome, destination);
        queue.complete(invocation.id(), followUp);
        metrics.deadLettered(invocation.function());
        records.deadLettered(invocation, version, reason);
        return new Finished(followUp);
    }

    private FollowUp followUp(Optional<DeadLetter> deadLetter, Outcome outcome, Optional<String> destination) {
        Instant now = clock.instant();
        List<QueuedInvocation> invocations = destination
                .flatMap(name -> destinations.invocation(name, outcome, now)).stream().toList();
        List<CallbackDelivery> deliveries = outcome.invocation().callbackUrl()
                .map(url -> callbacks.delivery(outcome, url, now)).stream().toList();
        return new FollowUp(deadLetter, invocations, deliveries);
    }

    /** Hands what a finished invocation left behind (stored with it) to the lanes and the callback sender. */
    private void release(FollowUp followUp) {
        try {
            followUp.invocations().forEach(intake::created);
            followUp.callbacks().forEach(callbacks::submit);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "destinations or callbacks stored but not started; they start "
                    + "at the next start", e);
        }
    }

    private static boolean expired(QueuedInvocation invocation, AsyncConfig config, Instant now) {
        return now.isAfter(invocation.accepted().plusSeconds(config.maxEventAgeSeconds()));
    }

    private static String ageReason(QueuedInvocation invocation, FunctionVersion version) {
        return "event age exceeded: accepted " + invocation.accepted() + ", maxEventAgeSeconds "
                + version.config().async().maxEventAgeSeconds() + ", after " + invocation.attempts() + " attempts";
    }
}
