package dev.kumo.async;

import dev.kumo.core.ActivationId;
import dev.kumo.core.Page;
import dev.kumo.core.event.DeadLetter;
import dev.kumo.core.event.Enqueued;
import dev.kumo.core.event.Rule;
import dev.kumo.core.event.Schedule;
import dev.kumo.core.event.Trigger;
import dev.kumo.spi.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Asynchronous invocations of one node (API skeleton; implementation in progress).
 * Errors: {@link dev.kumo.core.InvalidRequestException} (400, names the field),
 * {@link dev.kumo.core.NotFoundException} (404), {@link dev.kumo.core.ConflictException} (409),
 * {@link dev.kumo.core.LimitExceededException} (429).
 */
public final class AsyncRuntime implements AutoCloseable {

    private AsyncRuntime() {
    }

    /** Resumes what the store holds (queued invocations, callbacks, schedules) and starts the workers. */
    public static AsyncRuntime start(AsyncSettings settings, Store store, InvocationTarget target,
                                     InstantSource clock, MeterRegistry meters) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Accepts an invocation durably; Duplicate/Conflict for a reused idempotency key. */
    public Enqueued invoke(AsyncRequest request) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Dead letters of {@code function}, oldest first. */
    public Page<DeadLetter> deadLetters(String function, String token, int limit) {
        throw new UnsupportedOperationException("in progress");
    }

    /** One dead letter; NotFoundException when absent. */
    public DeadLetter deadLetter(String function, ActivationId id) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Queues a dead letter again under a new activation id, which it returns; NotFoundException when absent. */
    public ActivationId redrive(String function, ActivationId id) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Deletes a dead letter; NotFoundException when absent. */
    public void deleteDeadLetter(String function, ActivationId id) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Queue depth of {@code function}. */
    public QueueStats stats(String function) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Creates or replaces a schedule (validates the expression and the function) and arms it. */
    public Schedule putSchedule(Schedule schedule) {
        throw new UnsupportedOperationException("in progress");
    }

    /** When {@code schedule} fires next; empty when disabled or unknown. */
    public Optional<Instant> nextFire(String schedule) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Deletes and disarms a schedule; false when absent. */
    public boolean deleteSchedule(String name) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Creates or replaces a trigger. */
    public Trigger putTrigger(Trigger trigger) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Deletes a trigger; ConflictException while rules name it; false when absent. */
    public boolean deleteTrigger(String name) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Creates or replaces a rule; NotFoundException for an unknown trigger or function. */
    public Rule putRule(Rule rule) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Deletes a rule; false when absent. */
    public boolean deleteRule(String name) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Fans {@code payload} out to the functions of the enabled rules of trigger {@code topic}, atomically. */
    public List<Delivery> publish(String topic, byte[] payload) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Stops the workers and timers; queued invocations stay stored and resume at the next start. */
    @Override
    public void close() {
    }
}
