package dev.kumo.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.function.Consumer;

/**
 * One invocation's race with its deadline, on the invoker's side; handed to the executor as
 * {@code Execution.onTimeout}. At the deadline, while the function still runs, it calls {@link #late()} (the
 * caller answers at once) and arms a second alarm at deadline + grace. If the function still runs then, it
 * calls {@link #abandoned}: the instance is discarded and the timeout recorded from the watchdog side, so a
 * function that never returns still leaves an activation, and {@link #returned()} tells the invoking thread
 * not to record again when it finally does. A CAS on {@code state} decides which side records.
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
    private volatile List<String> logs = List.of();

    Overtime(Watchdog watchdog, long graceNanos) {
        this.watchdog = watchdog;
        this.graceNanos = graceNanos;
    }

    /** The deadline passed while the function runs; on the watchdog thread, so quick and non-blocking. */
    abstract void late();

    /**
     * Deadline + grace passed and the function still runs: discard its instance and record the timeout with
     * {@code logs}, the lines captured until the deadline. On the watchdog thread.
     */
    abstract void abandoned(List<String> logs);

    /** Called by the executor at the deadline with the log lines captured so far. */
    @Override
    public final void accept(List<String> logsAtDeadline) {
        if (STATE.compareAndSet(this, RUNNING, LATE)) {
            logs = logsAtDeadline;
            // Armed before answering, so a failing answer cannot cost the activation.
            watchdog.arm(this, System.nanoTime() + graceNanos);
            late();
        }
    }

    @Override
    final void fire() {
        if (STATE.compareAndSet(this, LATE, ABANDONING)) {
            try {
                abandoned(logs);
            } finally {
                state = ABANDONED;
            }
        }
    }

    /**
     * Called by the invoking thread once the executor returned: true when that thread records the activation,
     * false when the watchdog did. In that case it returns only after {@link #abandoned} finished, so the
     * instance is discarded before the invoking thread gives its slot back.
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
