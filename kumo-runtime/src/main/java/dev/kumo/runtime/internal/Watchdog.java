package dev.kumo.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Fires the deadlines of running invocations from one daemon platform thread, so a deadline is met even
 * when function code pins every carrier of the virtual-thread scheduler.
 *
 * <p>Almost every alarm is disarmed before it is due, so arming and disarming are built not to wake the
 * thread: alarms sit in a lock-free sorted set, and {@link #arm} unparks the thread only when the new alarm
 * is due before the moment the thread already plans to look again. (A {@code ScheduledThreadPoolExecutor}
 * signals its thread whenever a task becomes the head of its queue, which on sequential traffic is every
 * task.) A disarmed head is not removed from the thread's plan: it wakes once at that stale time, which
 * bounds the wake-ups to about one per timeout period. The thread starts on the first alarm and ends after
 * {@link #LINGER_NANOS} without any, so an idle or closed runtime holds no thread.
 */
public final class Watchdog {

    private static final long LINGER_NANOS = 5_000_000_000L;
    private static final VarHandle THREAD;

    static {
        try {
            THREAD = MethodHandles.lookup().findVarHandle(Watchdog.class, "thread", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Something to do at a deadline. An alarm is armed at most once at a time. */
    abstract static class Alarm implements Comparable<Alarm> {

        private long at;
        private long sequence;

        /** Runs on the watchdog thread when the alarm is due; must be quick and must not block. */
        abstract void fire();

        @Override
        public final int compareTo(Alarm other) {
            long d = at - other.at;
            return d != 0 ? (d < 0 ? -1 : 1) : Long.compare(sequence, other.sequence);
        }
    }

    private final ConcurrentSkipListMap<Alarm, Boolean> alarms = new ConcurrentSkipListMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final ThreadFactory threads = Thread.ofPlatform().daemon().name("kumo-watchdog")
            .inheritInheritableThreadLocals(false).factory();
    private final System.Logger log = System.getLogger(Watchdog.class.getName());
    /** The {@link System#nanoTime()} at which the thread looks again, whatever is armed before then. */
    private volatile long wakeAt;
    @SuppressWarnings("unused") // accessed through THREAD
    private volatile Thread thread;

    /** Arms {@code alarm} to fire at {@code atNanos} on the {@link System#nanoTime()} scale. */
    void arm(Alarm alarm, long atNanos) {
        alarm.at = atNanos;
        alarm.sequence = sequence.incrementAndGet();
        alarms.put(alarm, Boolean.TRUE);
        // Read after the add; the thread publishes wakeAt and its absence before re-checking the set, so
        // one side always sees the other.
        Thread t = thread;
        if (t == null) {
            start();
        } else if (atNanos - wakeAt < 0) {
            LockSupport.unpark(t);
        }
    }

    /** Disarms {@code alarm}; false when it already fired or was not armed. Never wakes the thread. */
    boolean disarm(Alarm alarm) {
        return alarms.remove(alarm) != null;
    }

    /** When the thread looks again at the latest, on the {@link System#nanoTime()} scale; for tests. */
    long wakeAt() {
        return wakeAt;
    }

    private void start() {
        Thread t = threads.newThread(this::watch);
        if (THREAD.compareAndSet(this, null, t)) {
            t.start();
        }
    }

    private void watch() {
        Thread me = Thread.currentThread();
        // Started from whichever thread armed first; never keep a function's class loader reachable.
        me.setContextClassLoader(Watchdog.class.getClassLoader());
        while (true) {
            long now = System.nanoTime();
            Alarm first = first();
            if (first != null && first.at - now <= 0) {
                if (alarms.remove(first) != null) {
                    fire(first);
                }
                continue;
            }
            long until = first == null ? now + LINGER_NANOS : first.at;
            wakeAt = until;
            if (first() != first) {
                continue;
            }
            long armed = sequence.get();
            LockSupport.parkNanos(until - now);
            if (first == null && alarms.isEmpty() && sequence.get() == armed && System.nanoTime() - until >= 0) {
                thread = null;
                // An alarm armed after the write above sees no thread and starts one; one armed before it
                // is seen here, and this thread carries on unless a new one already took over.
                if (alarms.isEmpty() || !THREAD.compareAndSet(this, null, me)) {
                    return;
                }
            }
        }
    }

    private Alarm first() {
        Map.Entry<Alarm, Boolean> entry = alarms.firstEntry();
        return entry == null ? null : entry.getKey();
    }

    private void fire(Alarm alarm) {
        try {
            alarm.fire();
        } catch (RuntimeException | Error e) {
            log.log(System.Logger.Level.ERROR, "deadline action failed", e);
        }
    }
}
