package dev.kumo.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs function code against a deadline, with the activation's log bound and the function's class loader as
 * context loader. Two ways:
 *
 * <ul>
 *   <li>{@link #inline} runs the body on the calling thread, so a warm invocation crosses no thread. A
 *       {@link Watchdog} alarm at the deadline interrupts the thread and calls {@code onExpiry}, which lets
 *       the caller's caller answer at the deadline even if the function ignores interrupts; the call itself
 *       returns {@link Expired} when the body finally ends.</li>
 *   <li>{@link #detached} runs the body on a fresh virtual thread and waits no longer than the deadline,
 *       answering {@link Expired} at once with a stage that completes when the thread really ends. Cold
 *       starts use it: they are rare, and other invocations waiting for the same instance need an answer
 *       at the deadline.</li>
 * </ul>
 *
 * <p>A function that spins without checking interrupts keeps its carrier thread busy until it returns; the
 * JVM cannot stop it (the in-JVM tiers' known limit).
 */
final class TimedRun {

    private static final ThreadFactory THREADS = Thread.ofVirtual()
            .name("kumo-function")
            .inheritInheritableThreadLocals(false)
            .factory();
    private static final CompletionStage<Void> ENDED = CompletableFuture.completedStage(null);

    private TimedRun() {
    }

    /** What running the body led to. */
    sealed interface Outcome<T> {
    }

    /** The body returned {@code value}. */
    record Done<T>(T value) implements Outcome<T> {
    }

    /** The body threw {@code error}. */
    record Threw<T>(Throwable error) implements Outcome<T> {
    }

    /** The deadline passed first; {@code ended} completes when the body's thread finishes. */
    record Expired<T>(CompletionStage<Void> ended) implements Outcome<T> {
    }

    /** Code run as the function. */
    @FunctionalInterface
    interface Body<T> {
        T run() throws Exception;
    }

    /**
     * Runs {@code body} on this thread. The interrupt flag is clear when this returns, whoever won: a late
     * interrupt must not hit the code this thread runs next.
     *
     * @param onExpiry runs on the watchdog thread right after it interrupted the body at the deadline;
     *                 not at all when the body returns first
     */
    static <T> Outcome<T> inline(Body<T> body, ClassLoader loader, LogBuffer logs, Instant deadline,
                                 InstantSource clock, Watchdog watchdog, Runnable onExpiry) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        var run = new Run(thread, onExpiry);
        watchdog.arm(run, System.nanoTime() + Duration.between(clock.instant(), deadline).toNanos());
        thread.setContextClassLoader(loader);
        T value = null;
        Throwable error = null;
        try {
            value = ScopedValue.where(LogCapture.CURRENT, logs).call(body::run);
        } catch (Throwable t) {
            error = t;
        } finally {
            thread.setContextClassLoader(previous);
        }
        boolean finished = run.finish();
        if (finished) {
            watchdog.disarm(run);
        } else {
            run.awaitInterrupt();
        }
        Thread.interrupted();
        if (!finished) {
            return new Expired<>(ENDED);
        }
        return error == null ? new Done<>(value) : new Threw<>(error);
    }

    /** Runs {@code body} on a fresh virtual thread and waits for it until {@code deadline}. */
    static <T> Outcome<T> detached(Body<T> body, ClassLoader loader, LogBuffer logs, Instant deadline,
                                   InstantSource clock) {
        var done = new CompletableFuture<T>();
        Thread thread = THREADS.newThread(() -> {
            Thread.currentThread().setContextClassLoader(loader);
            T value;
            try {
                value = ScopedValue.where(LogCapture.CURRENT, logs).call(body::run);
            } catch (Throwable t) {
                done.completeExceptionally(t);
                return;
            }
            done.complete(value);
        });
        thread.start();
        long waitNanos = Duration.between(clock.instant(), deadline).toNanos();
        try {
            return new Done<>(done.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS));
        } catch (ExecutionException e) {
            return new Threw<>(e.getCause());
        } catch (TimeoutException e) {
            return expire(thread, done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return expire(thread, done);
        }
    }

    private static <T> Outcome<T> expire(Thread thread, CompletableFuture<T> done) {
        thread.interrupt();
        return new Expired<>(done.handle((v, e) -> null));
    }

    /**
     * The race between an inline body and its deadline. Whoever moves the state away from {@code RUNNING}
     * first wins; the watchdog interrupts only after winning, so it never interrupts code that runs after
     * the body.
     */
    private static final class Run extends Watchdog.Alarm {

        private static final int RUNNING = 0;
        private static final int FINISHED = 1;
        private static final int INTERRUPTING = 2;
        private static final int EXPIRED = 3;
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Run.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Thread thread;
        private final Runnable onExpiry;
        private volatile int state;

        Run(Thread thread, Runnable onExpiry) {
            this.thread = thread;
            this.onExpiry = onExpiry;
        }

        @Override
        void fire() {
            if (STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
                thread.interrupt();
                state = EXPIRED;
                onExpiry.run();
            }
        }

        /** Called by the body's thread when the body ended; true when it beat the deadline. */
        boolean finish() {
            return STATE.compareAndSet(this, RUNNING, FINISHED);
        }

        /** Waits out the few instructions between the watchdog winning and its interrupt landing. */
        void awaitInterrupt() {
            while (state == INTERRUPTING) {
                Thread.yield();
            }
        }
    }
}
