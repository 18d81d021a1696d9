package dev.kumo.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.function.Consumer;

/**
 * One invocation's race with its deadline, on the invoker's side; handed to the executor as
 * {@code Execution.onTimeout}. At the deadline, while the function still runs, it calls {@link #late} (the
 * timeout is recorded and the caller answered at once, so the activation can be read as soon as the 504 is
 * out) and arms a second alarm at deadline + grace. If the function still runs then, it calls
 * {@link #abandoned}: the instance is discarded. A CAS on {@code state} decides whether the deadline or the
 * function's return came first; {@link #wasLate()} tells the invoking thread that the activation is recorded.
 */
abstract class Overtime extends Watchdog.Alarm implements Consumer<List<String>> {

    private static final int RUNNING = 0;
    private static final int LATE = 1;
    private static final int RETURNED = 2;
    private static final int ABANDONING = 3;
    private static final int ABANDONED = 4;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Overtime.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Watchdog watchdog;
    private final long graceNanos;
    private volatile int state;
    private volatile boolean wasLate;

    Overtime(Watchdog watchdog, long graceNanos) {
        this.watchdog = watchdog;
        this.graceNanos = graceNanos;
    }

    /**
     * The deadline passed while the function runs: record the timeout with {@code logs}, the lines captured
     * until the deadline, and answer the caller. On the watchdog thread, so quick and non-blocking.
     */
    abstract void late(List<String> logs);

    /** Deadline + grace passed and the function still runs: discard its instance. On the watchdog thread. */
    abstract void abandoned();

    /** Called by the executor at the deadline with the log lines captured so far. */
    @Override
    public final void accept(List<String> logsAtDeadline) {
        if (STATE.compareAndSet(this, RUNNING, LATE)) {
            wasLate = true;
            // Armed before answering, so a failing answer cannot keep a stuck instance in service.
            watchdog.arm(this, System.nanoTime() + graceNanos);
            late(logsAtDeadline);
        }
    }

    @Override
    final void fire() {
        if (STATE.compareAndSet(this, LATE, ABANDONING)) {
            try {
                abandoned();
            } finally {
                state = ABANDONED;
            }
        }
    }

    /** Whether the deadline came first: then the activation was recorded at the deadline. */
    final boolean wasLate() {
        return wasLate;
    }

    /**
     * Called by the invoking thread once the executor returned: false when the instance was abandoned, and
     * then only after {@link #abandoned} finished, so the instance is discarded before the invoking thread
     * gives its slot back.
     */
    final boolean returned() {
        if (STATE.compareAndSet(this, RUNNING, RETURNED)) {
            return true;
        }
        if (STATE.compareAndSet(this, LATE, RETURNED)) {
            watchdog.disarm(this);
            return true;
        }
        while (state == ABANDONING) {
            Thread.yield();
        }
        return false;
    }
}
