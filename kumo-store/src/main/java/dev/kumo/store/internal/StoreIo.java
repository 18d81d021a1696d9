package dev.kumo.store.internal;

import dev.kumo.store.StoreException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.h2.mvstore.MVStoreException;

/**
 * The one thread that touches the MVStore file and its {@link Journal}. Two reasons: it serializes writes
 * (a task is a read-modify-write-commit that no other write interleaves with, so each commit holds whole
 * operations), and it shields the files from interrupts. MVStore reads and writes through a {@code FileChannel}, which
 * the JDK closes for good when a thread is interrupted during I/O; if a request thread that happened to be
 * interrupted did the I/O, the whole store would fail. This thread is private and never interrupted, and
 * callers wait for it uninterruptibly.
 */
public final class StoreIo implements AutoCloseable {

    private final ExecutorService thread;
    private final String what;

    /** Starts the thread; {@code what} names the data directory in error messages. */
    public StoreIo(String what) {
        this.what = what;
        this.thread = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("kumo-store-io").daemon(true).factory());
    }

    /**
     * Runs {@code task} on the I/O thread and returns its result. Runtime exceptions the task throws
     * reach the caller unchanged, except MVStore failures, which become {@link StoreException}.
     */
    public <T> T call(Supplier<T> task) {
        CompletableFuture<T> future;
        try {
            future = CompletableFuture.supplyAsync(task, thread);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the store of " + what + " is closed");
        }
        return await(future);
    }

    /**
     * Waits for {@code future} without reacting to interrupts and returns its result, turning its failure
     * into the exception {@link #call} would throw.
     */
    public <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw rethrow(e.getCause());
        }
    }

    /**
     * Queues {@code task} on the I/O thread and returns at once.
     *
     * @throws IllegalStateException when the store is closed
     */
    public void execute(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the store of " + what + " is closed");
        }
    }

    /** Runs {@code task} on the I/O thread. */
    public void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    private RuntimeException rethrow(Throwable cause) {
        return switch (cause) {
            case MVStoreException e -> new StoreException("store failure in " + what + ": " + e.getMessage(), e);
            case RuntimeException e -> e;
            case Error e -> throw e;
            default -> new StoreException("store failure in " + what, cause);
        };
    }

    /** Lets queued tasks finish and stops the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new StoreException("the I/O thread of " + what + " did not stop within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
