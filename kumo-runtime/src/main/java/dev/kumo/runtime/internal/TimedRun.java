package dev.kumo.runtime.internal;

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
 * Runs function code on a fresh virtual thread, with the activation's log bound and the function's class
 * loader as context loader, and waits for it no longer than a deadline. The caller never hangs: past the
 * deadline the thread is interrupted and {@link Expired} answered at once, carrying a stage that completes
 * when the thread really ends. A function that spins without checking interrupts keeps its carrier thread
 * busy until it returns; the JVM cannot stop it (the in-JVM tiers' known limit).
 */
final class TimedRun {

    private static final ThreadFactory THREADS = Thread.ofVirtual()
            .name("kumo-function")
            .inheritInheritableThreadLocals(false)
            .factory();

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

    /** Code run on the function's thread. */
    @FunctionalInterface
    interface Body<T> {
        T run() throws Exception;
    }

    static <T> Outcome<T> run(Body<T> body, ClassLoader loader, LogBuffer logs, Instant deadline,
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
}
