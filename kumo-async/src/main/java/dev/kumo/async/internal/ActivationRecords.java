package dev.kumo.async.internal;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.Attempt;
import dev.kumo.core.ErrorInfo;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.event.QueuedInvocation;
import dev.kumo.spi.store.ActivationStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Writes the lifecycle of an asynchronous invocation into its activation record, all under the invocation's
 * id: {@code queued} (attempt 0, or the attempts made so far while a retry waits), {@code running} (attempt
 * n), then the dispatcher's record of the attempt re-marked {@code success} or {@code dead-lettered}. The
 * {@code attempts} list holds the finished attempts that are not the one the record itself describes: the
 * earlier ones for {@code running} and {@code success}; all of them for {@code queued} and
 * {@code dead-lettered}, whose status is not an attempt's.
 */
public final class ActivationRecords {

    private final ActivationStore activations;

    /** Writes into {@code activations}. */
    public ActivationRecords(ActivationStore activations) {
        this.activations = activations;
    }

    /** Records {@code invocation} as waiting for its next attempt; {@code version} empty when it does not resolve. */
    public void queued(QueuedInvocation invocation, Optional<FunctionVersion> version) {
        activations.record(blank(invocation, version, ActivationStatus.QUEUED, invocation.accepted(),
                invocation.attempts(), invocation.history(), Optional.empty()));
    }

    /** Records attempt {@code attempt} as started at {@code start}. */
    public void running(QueuedInvocation invocation, FunctionVersion version, int attempt, Instant start) {
        activations.record(blank(invocation, Optional.of(version), ActivationStatus.RUNNING, start, attempt,
                invocation.history(), Optional.empty()));
    }

    /**
     * The dispatcher's record of attempt {@code attempt}, or, when the store no longer has it, one built from
     * what the worker knows.
     */
    public Activation attempt(QueuedInvocation invocation, FunctionVersion version, int attempt, Instant start,
                              ActivationStatus status, Optional<ErrorInfo> error) {
        return activations.get(invocation.id())
                .filter(a -> a.attempt() == attempt && a.status().terminal())
                .orElseGet(() -> new Activation(invocation.id(), invocation.function(), version.version(), status,
                        false, start, 0, 0, 0, version.config().memoryMb(), invocation.payload().length, 0,
                        Optional.empty(), error, List.of(), attempt, List.of()));
    }

    /**
     * Re-records {@code attempt} under a lifecycle status, with the attempts listed as the class says; nothing
     * to do when the dispatcher's record already says it all (the usual first-attempt success).
     */
    public void mark(Activation attempt, ActivationStatus status, List<Attempt> others) {
        if (attempt.status() != status || !attempt.attempts().equals(others)) {
            activations.record(attempt.withAttempts(status, attempt.attempt(), others));
        }
    }

    /** Records an invocation that went to the dead-letter store without running again. */
    public void deadLettered(QueuedInvocation invocation, Optional<FunctionVersion> version, String reason) {
        activations.record(blank(invocation, version, ActivationStatus.DEAD_LETTERED, invocation.accepted(),
                invocation.attempts(), invocation.history(), Optional.of(new ErrorInfo("DeadLettered", reason,
                        List.of()))));
    }

    private static Activation blank(QueuedInvocation invocation, Optional<FunctionVersion> version,
                                    ActivationStatus status, Instant start, int attempt, List<Attempt> attempts,
                                    Optional<ErrorInfo> error) {
        return new Activation(invocation.id(), invocation.function(),
                version.map(FunctionVersion::version).orElse(invocation.qualifier()), status, false, start, 0, 0, 0,
                version.map(v -> v.config().memoryMb()).orElse(0), invocation.payload().length, 0,
                Optional.empty(), error, List.of(), attempt, attempts);
    }
}
