package dev.kumo.async.testing;

import dev.kumo.core.ActivationId;
import dev.kumo.core.Page;
import dev.kumo.core.event.CallbackDelivery;
import dev.kumo.core.event.DeadLetter;
import dev.kumo.core.event.Enqueued;
import dev.kumo.core.event.FollowUp;
import dev.kumo.core.event.QueuedInvocation;
import dev.kumo.spi.store.AsyncQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link AsyncQueue} in memory: every method is atomic (one monitor), "durable" on return. */
public final class MemoryQueue implements AsyncQueue {

    private record Key(ActivationId id, byte[] payload, Instant claimed) {
    }

    private final Map<ActivationId, QueuedInvocation> queued = new LinkedHashMap<>();
    private final Map<String, Key> keys = new HashMap<>();
    private final Map<ActivationId, DeadLetter> deadLetters = new LinkedHashMap<>();
    private final Map<ActivationId, CallbackDelivery> callbacks = new LinkedHashMap<>();
    private final Map<String, Instant> fires = new HashMap<>();

    @Override
    public synchronized Enqueued enqueue(QueuedInvocation invocation, Duration idempotencyWindow) {
        if (invocation.idempotencyKey().isPresent()) {
            String key = invocation.function() + "\n" + invocation.idempotencyKey().get();
            Key earlier = keys.get(key);
            if (earlier != null && earlier.claimed().plus(idempotencyWindow).isAfter(invocation.accepted())) {
                return Arrays.equals(earlier.payload(), invocation.payload()) ? new Enqueued.Duplicate(earlier.id())
                        : new Enqueued.Conflict(earlier.id());
            }
            keys.put(key, new Key(invocation.id(), invocation.payload(), invocation.accepted()));
        }
        queued.put(invocation.id(), invocation);
        return new Enqueued.Accepted(invocation.id());
    }

    @Override
    public synchronized void enqueueAll(List<QueuedInvocation> invocations) {
        invocations.forEach(i -> queued.put(i.id(), i));
    }

    @Override
    public synchronized void reschedule(QueuedInvocation invocation) {
        queued.replace(invocation.id(), invocation);
    }

    @Override
    public synchronized void complete(ActivationId id, FollowUp followUp) {
        if (queued.remove(id) == null) {
            return;
        }
        followUp.deadLetter().ifPresent(d -> deadLetters.put(d.invocation().id(), d));
        followUp.invocations().forEach(i -> queued.put(i.id(), i));
        followUp.callbacks().forEach(c -> callbacks.put(c.activation(), c));
    }

    @Override
    public synchronized List<QueuedInvocation> pending() {
        return queued.values().stream().sorted(Comparator.comparing(QueuedInvocation::accepted)).toList();
    }

    @Override
    public synchronized List<CallbackDelivery> pendingCallbacks() {
        return List.copyOf(callbacks.values());
    }

    @Override
    public synchronized void rescheduleCallback(CallbackDelivery delivery) {
        callbacks.replace(delivery.activation(), delivery);
    }

    @Override
    public synchronized void callbackDone(ActivationId activation) {
        callbacks.remove(activation);
    }

    @Override
    public synchronized Page<DeadLetter> deadLetters(String function, String token, int limit) {
        List<DeadLetter> all = deadLetters.values().stream().filter(d -> d.invocation().function().equals(function))
                .toList();
        int from = token.isEmpty() ? 0 : Integer.parseInt(token);
        int to = Math.min(all.size(), from + limit);
        Optional<String> next = to < all.size() ? Optional.of(Integer.toString(to)) : Optional.empty();
        return new Page<>(all.subList(from, to), next);
    }

    @Override
    public synchronized Optional<DeadLetter> deadLetter(String function, ActivationId id) {
        return Optional.ofNullable(deadLetters.get(id)).filter(d -> d.invocation().function().equals(function));
    }

    @Override
    public synchronized boolean redrive(String function, ActivationId id, QueuedInvocation replacement) {
        if (deadLetter(function, id).isEmpty()) {
            return false;
        }
        deadLetters.remove(id);
        queued.put(replacement.id(), replacement);
        return true;
    }

    @Override
    public synchronized boolean deleteDeadLetter(String function, ActivationId id) {
        return deadLetter(function, id).isPresent() && deadLetters.remove(id) != null;
    }

    @Override
    public synchronized Optional<Instant> lastFire(String schedule) {
        return Optional.ofNullable(fires.get(schedule));
    }

    @Override
    public synchronized boolean fire(String schedule, Instant tick, QueuedInvocation invocation) {
        Instant last = fires.get(schedule);
        if (last != null && !tick.isAfter(last)) {
            return false;
        }
        fires.put(schedule, tick);
        queued.put(invocation.id(), invocation);
        return true;
    }

    @Override
    public synchronized void forgetSchedule(String schedule) {
        fires.remove(schedule);
    }

    /** The invocations stored now, oldest first. */
    public synchronized List<QueuedInvocation> queued() {
        return new ArrayList<>(queued.values());
    }
}
