package dev.kumo.async.internal;

import dev.kumo.async.InvocationTarget;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.NotFoundException;
import dev.kumo.core.event.QueuedInvocation;
import java.util.Optional;

/**
 * Where every stored invocation enters the node's lanes, whatever created it: a client, a topic, a redrive,
 * a schedule, a destination, or a restart that resumes the queue. It records the {@code queued} activation
 * before the invocation can start, so {@code GET /v1/activations/{id}} answers from the moment it is stored.
 */
public final class Intake {

    private final InvocationTarget target;
    private final ActivationRecords records;
    private final WorkQueues queues;
    private final AsyncMetrics metrics;

    /** Feeds {@code queues}. */
    public Intake(InvocationTarget target, ActivationRecords records, WorkQueues queues, AsyncMetrics metrics) {
        this.target = target;
        this.records = records;
        this.queues = queues;
        this.metrics = metrics;
    }

    /** A newly stored invocation whose depth was reserved with {@link WorkQueues#admit}. */
    public void accepted(QueuedInvocation invocation) {
        metrics.enqueued(invocation.function());
        enter(invocation);
    }

    /** A newly stored invocation the platform created (destination, schedule fire): never refused. */
    public void created(QueuedInvocation invocation) {
        queues.reserve(invocation);
        accepted(invocation);
    }

    /** An invocation found stored at start: it may have been running when the node stopped, and runs again. */
    public void resumed(QueuedInvocation invocation) {
        queues.reserve(invocation);
        enter(invocation);
    }

    private void enter(QueuedInvocation invocation) {
        records.queued(invocation, resolve(invocation));
        queues.submit(invocation);
    }

    private Optional<FunctionVersion> resolve(QueuedInvocation invocation) {
        try {
            return Optional.of(target.resolve(invocation.function(), invocation.qualifier()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }
}
