package dev.kumo.async.internal;

import dev.kumo.core.ActivationId;
import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.event.QueuedInvocation;
import dev.kumo.core.event.Schedule;
import dev.kumo.spi.store.AsyncQueue;
import dev.kumo.spi.store.NamedRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Fires schedules: one virtual thread sleeps until the earliest next tick of any enabled schedule (at most a
 * minute, so a clock that jumps is noticed), then fires what is due. Firing tick T stores the invocation
 * together with T as the schedule's last fire, in one atomic {@link AsyncQueue#fire}, which refuses a tick
 * at or before the last recorded one: a tick never fires twice, even across restarts or two schedulers.
 *
 * <p><b>Missed fires.</b> When one or more ticks passed without firing (the node was down, a long GC pause,
 * the clock jumped forward), the schedule fires <em>once</em>, for the most recent missed tick, and then
 * continues with future ticks: never a burst of every missed tick, and never more than one fire per tick.
 * Each fire's event is {@link #event an EventBridge scheduled event} carrying the tick and the payload.
 * Missed ticks are counted from the last recorded fire, or from the schedule's creation when it never
 * fired. Creating, replacing or re-enabling a schedule counts from that moment: it does not fire for ticks
 * that passed before.
 */
public final class Scheduler implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Scheduler.class.getName());
    private static final Duration LONGEST_SLEEP = Duration.ofMinutes(1);

    private final NamedRegistry<Schedule> schedules;
    private final AsyncQueue queue;
    private final InstantSource clock;
    private final Consumer<QueuedInvocation> fired;
    private final ConcurrentHashMap<String, Armed> armed = new ConcurrentHashMap<>();
    private volatile Thread thread;
    private volatile boolean closed;

    /**
     * A schedule with its parsed expression; {@code since} is the instant after which its ticks are due (its
     * last fire, creation, or the moment it was last changed).
     */
    private record Armed(Schedule schedule, ScheduleExpression expression, Instant since) {

        Optional<Instant> next(Instant after) {
            Instant from = after.isAfter(since) ? after : since;
            return expression.next(schedule.created(), from);
        }
    }

    /**
     * Creates a scheduler; nothing fires until {@link #load} and {@link #start} (or {@link #fireDue}).
     *
     * @param fired receives each invocation once it is stored
     */
    public Scheduler(NamedRegistry<Schedule> schedules, AsyncQueue queue, InstantSource clock,
                     Consumer<QueuedInvocation> fired) {
        this.schedules = schedules;
        this.queue = queue;
        this.clock = clock;
        this.fired = fired;
    }

    /**
     * Arms every stored schedule, counting missed ticks from its last fire (or creation). A stored expression
     * this version cannot parse is skipped with a warning rather than stopping the node.
     */
    public void load() {
        for (Schedule schedule : schedules.all()) {
            Instant since = queue.lastFire(schedule.name()).filter(t -> t.isAfter(schedule.created()))
                    .orElse(schedule.created());
            try {
                put(schedule, since);
            } catch (InvalidRequestException e) {
                LOG.log(System.Logger.Level.WARNING, "schedule " + schedule.name() + " not armed: " + e.getMessage());
            }
        }
    }

    /** Arms a schedule just stored (created or replaced): its ticks count from now. */
    public void arm(Schedule schedule) {
        Instant now = clock.instant();
        Instant since = queue.lastFire(schedule.name()).filter(now::isBefore).orElse(now);
        put(schedule, since);
    }

    /** Disarms a deleted schedule; false when it was not armed. */
    public boolean disarm(String name) {
        boolean was = armed.remove(name) != null;
        wake();
        return was;
    }

    /** The next tick of an enabled schedule. */
    public Optional<Instant> nextFire(String name) {
        return Optional.ofNullable(armed.get(name)).filter(a -> a.schedule().enabled())
                .flatMap(a -> a.next(clock.instant()));
    }

    /**
     * Fires each enabled schedule whose latest tick at or before {@code now} is after its last fire (once,
     * for that tick) and returns the earliest next tick of any enabled schedule.
     */
    public Optional<Instant> fireDue(Instant now) {
        Optional<Instant> earliest = Optional.empty();
        for (Armed a : armed.values()) {
            if (!a.schedule().enabled()) {
                continue;
            }
            a.expression().latest(a.schedule().created(), now).filter(tick -> tick.isAfter(a.since()))
                    .ifPresent(tick -> fire(a, tick, now));
            Optional<Instant> next = a.next(now);
            if (next.isPresent() && (earliest.isEmpty() || next.get().isBefore(earliest.get()))) {
                earliest = next;
            }
        }
        return earliest;
    }

    /** Starts the timer thread. */
    public void start() {
        thread = Thread.ofVirtual().name("kumo-async-scheduler").start(this::loop);
    }

    /** Stops the timer thread; a fire in progress completes. */
    @Override
    public void close() {
        closed = true;
        wake();
    }

    private void put(Schedule schedule, Instant since) {
        armed.put(schedule.name(), new Armed(schedule, ScheduleExpression.parse(schedule.expression()), since));
        wake();
    }

    private void fire(Armed a, Instant tick, Instant now) {
        Schedule s = a.schedule();
        var id = ActivationId.random();
        var invocation = QueuedInvocation.accept(id, s.function(), s.qualifier(), event(s, id, tick), now,
                "schedule:" + s.name(), Optional.empty(), Optional.empty());
        try {
            boolean stored = queue.fire(s.name(), tick, invocation);
            Instant since = stored ? tick : queue.lastFire(s.name()).filter(tick::isBefore).orElse(tick);
            armed.computeIfPresent(s.name(), (name, current) ->
                    current == a ? new Armed(s, a.expression(), since) : current);
            if (stored) {
                fired.accept(invocation);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "schedule " + s.name() + " did not fire for " + tick
                    + "; the next check fires its latest due tick", e);
        }
    }

    /**
     * The event of one fire, in the shape of an EventBridge scheduled event (what Lambda functions triggered
     * by a schedule receive): the tick as {@code time} and the schedule's payload as {@code detail}.
     */
    static byte[] event(Schedule s, ActivationId id, Instant tick) {
        String detail = s.payload() == null || s.payload().isBlank() || s.payload().strip().equals("null")
                ? "{}" : s.payload();
        // Names match [A-Za-z0-9_-] and the detail is JSON validated when the schedule was put: no escaping needed.
        return ("{\"version\":\"0\",\"id\":\"" + id + "\",\"source\":\"kumo.schedule\","
                + "\"detail-type\":\"Scheduled Event\",\"schedule\":\"" + s.name() + "\",\"time\":\"" + tick
                + "\",\"detail\":" + detail + "}").getBytes(StandardCharsets.UTF_8);
    }

    private void loop() {
        while (!closed) {
            Instant now = clock.instant();
            Duration sleep = fireDue(now).map(next -> Duration.between(now, next))
                    .filter(d -> d.compareTo(LONGEST_SLEEP) < 0).orElse(LONGEST_SLEEP);
            LockSupport.parkNanos(sleep.toNanos());
        }
    }

    private void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
