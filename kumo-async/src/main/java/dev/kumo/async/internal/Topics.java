package dev.kumo.async.internal;

import dev.kumo.async.Delivery;
import dev.kumo.async.InvocationTarget;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ConflictException;
import dev.kumo.core.NotFoundException;
import dev.kumo.core.event.QueuedInvocation;
import dev.kumo.core.event.Rule;
import dev.kumo.core.event.Trigger;
import dev.kumo.spi.store.AsyncQueue;
import dev.kumo.spi.store.NamedRegistry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Triggers, the rules that link them to functions, and publishing (the OpenWhisk model): an event published
 * to a trigger becomes one asynchronous invocation per enabled rule, all stored in one atomic write, each
 * then retried, dead-lettered and reported like any other.
 */
public final class Topics {

    private final NamedRegistry<Trigger> triggers;
    private final NamedRegistry<Rule> rules;
    private final AsyncQueue queue;
    private final InvocationTarget target;
    private final WorkQueues queues;
    private final Intake intake;
    private final InstantSource clock;

    /** Creates the topics over the stored triggers and rules. */
    public Topics(NamedRegistry<Trigger> triggers, NamedRegistry<Rule> rules, AsyncQueue queue,
                  InvocationTarget target, WorkQueues queues, Intake intake, InstantSource clock) {
        this.triggers = triggers;
        this.rules = rules;
        this.queue = queue;
        this.target = target;
        this.queues = queues;
        this.intake = intake;
        this.clock = clock;
    }

    /** Creates or replaces a trigger. */
    public Trigger putTrigger(Trigger trigger) {
        return triggers.put(trigger);
    }

    /** Deletes a trigger; false when absent; ConflictException while rules name it. */
    public boolean deleteTrigger(String name) {
        List<String> using = rules.all().stream().filter(r -> r.trigger().equals(name)).map(Rule::name).toList();
        if (!using.isEmpty()) {
            throw new ConflictException("trigger '" + name + "' is used by rules " + String.join(", ", using)
                    + "; delete them first");
        }
        return triggers.delete(name);
    }

    /** Creates or replaces a rule; NotFoundException when its trigger or function does not exist. */
    public Rule putRule(Rule rule) {
        trigger(rule.trigger());
        target.resolve(rule.function(), rule.qualifier());
        return rules.put(rule);
    }

    /** Deletes a rule; false when absent. */
    public boolean deleteRule(String name) {
        return rules.delete(name);
    }

    /**
     * Stores one invocation of each enabled rule's function, all or none, and starts them.
     *
     * @throws NotFoundException                       when the trigger does not exist
     * @throws dev.kumo.core.LimitExceededException    when a function's queue is full, or the node's payload
     *                                                 budget cannot hold every delivery (nothing is stored)
     */
    public List<Delivery> publish(String topic, byte[] payload) {
        trigger(topic);
        Instant now = clock.instant();
        List<Delivery> deliveries = new ArrayList<>();
        List<QueuedInvocation> invocations = new ArrayList<>();
        for (Rule rule : rules.all()) {
            if (rule.enabled() && rule.trigger().equals(topic)) {
                var invocation = QueuedInvocation.accept(ActivationId.random(), rule.function(), rule.qualifier(),
                        payload, now, "topic:" + topic, Optional.empty(), Optional.empty());
                invocations.add(invocation);
                deliveries.add(new Delivery(rule.name(), rule.function(), invocation.id()));
            }
        }
        if (invocations.isEmpty()) {
            return List.of();
        }
        queues.admit(invocations);
        try {
            queue.enqueueAll(invocations);
        } catch (RuntimeException e) {
            queues.unreserve(invocations);
            throw e;
        }
        invocations.forEach(intake::accepted);
        return List.copyOf(deliveries);
    }

    private Trigger trigger(String name) {
        return triggers.get(name).orElseThrow(() -> new NotFoundException("trigger '" + name + "' not found"));
    }
}
