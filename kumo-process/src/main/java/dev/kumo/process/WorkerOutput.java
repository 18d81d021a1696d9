package dev.kumo.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads a worker's output (stdout and stderr merged into one pipe, so their order is kept) on a virtual thread
 * and appends each line to the log of whatever the worker does right now: its cold start, one activation, or
 * nothing (lines between invocations are dropped). The last lines are kept apart for exit diagnostics.
 *
 * <p>A runtime prints before it posts its answer, but those lines may still sit in the pipe when the answer
 * arrives over HTTP. {@link #settle} waits for them. The runtimes Kumo ships print {@link #SYNC} right before
 * each post (and before their first poll), so settling waits exactly for that line (not logged). Other runtimes
 * ({@code provided}) get a heuristic: the reader is blocked in {@code read} and made no progress for a moment.
 * Either wait is bounded.
 */
final class WorkerOutput {

    /** The line Kumo's runtimes print before each post to the Runtime API and before their first poll. */
    static final String SYNC = dev.kumo.process.worker.WorkerMain.SYNC;

    private static final long MAX_SYNC_WAIT_NANOS = 2_000_000_000L;
    private static final long MAX_QUIET_WAIT_NANOS = 100_000_000L;
    private static final int MAX_LINE = 16 * 1024;
    private static final int TAIL = 20;

    private final InputStream in;
    private final Thread reader;
    private final boolean syncs;
    private final Deque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile ActivationLog sink;
    private volatile boolean blocked;
    private volatile long progress;
    private volatile boolean ended;
    private long synced;
    private long expected;
    private byte[] line = new byte[256];
    private int length;

    /**
     * @param syncs whether the worker prints {@link #SYNC} lines (Kumo's own runtimes do)
     */
    WorkerOutput(InputStream in, String name, boolean syncs) {
        this.in = in;
        this.syncs = syncs;
        this.reader = Thread.ofVirtual().name("kumo-worker-output-" + name).unstarted(this::pump);
    }

    void start(ActivationLog first) {
        attribute(first);
        reader.start();
    }

    /** Sends further lines to {@code log} (null: drop them); the next {@link #SYNC} closes its part. */
    synchronized void attribute(ActivationLog log) {
        sink = log;
        expected = synced + 1;
    }

    /** Waits until what the worker printed before its last post has been read. */
    void settle() {
        if (syncs) {
            awaitSync();
        } else {
            awaitQuiet();
        }
        flushPartial();
    }

    private synchronized void awaitSync() {
        long limit = System.nanoTime() + MAX_SYNC_WAIT_NANOS;
        while (synced < expected && !ended) {
            long left = limit - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void awaitQuiet() {
        long limit = System.nanoTime() + MAX_QUIET_WAIT_NANOS;
        long seen = -1;
        while (!ended && System.nanoTime() < limit) {
            long now = progress;
            if (blocked && now == seen) {
                return;
            }
            seen = blocked ? now : -1;
            LockSupport.parkNanos(500_000);
        }
    }

    /** Ends a line the worker left open (AWS's Java logger writes without a newline). */
    private synchronized void flushPartial() {
        if (length > 0) {
            emit(line, length);
            length = 0;
        }
    }

    /**
     * Completes when a generic Java worker printed {@link dev.kumo.process.worker.WorkerMain#READY}: warmed up
     * and waiting for its function (the line is not logged).
     */
    CompletableFuture<Void> ready() {
        return ready;
    }

    /** The last lines the worker wrote, for error messages. */
    List<String> tail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    /** Waits (bounded) for the reader to reach the end of the output: the worker exited. */
    void awaitEnd(long millis) {
        try {
            reader.join(java.time.Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pump() {
        byte[] buffer = new byte[8192];
        try {
            while (true) {
                blocked = true;
                int n = in.read(buffer);
                blocked = false;
                if (n < 0) {
                    break;
                }
                append(buffer, n);
                progress++;
            }
        } catch (IOException e) {
            // the pipe closed: the worker is gone
        } finally {
            flushPartial();
            blocked = false;
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    private synchronized void append(byte[] buffer, int n) {
        for (int i = 0; i < n; i++) {
            byte b = buffer[i];
            if (b == '\n') {
                emit(line, length);
                length = 0;
            } else if (length < MAX_LINE) {
                if (length == line.length) {
                    line = Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
                }
                line[length++] = b;
            }
        }
    }

    /** Called with the monitor held. */
    private void emit(byte[] bytes, int length) {
        int size = length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        if (text.equals(SYNC)) {
            synced++;
            notifyAll();
            return;
        }
        if (!ready.isDone() && text.equals(dev.kumo.process.worker.WorkerMain.READY)) {
            ready.complete(null);
            return;
        }
        ActivationLog log = sink;
        if (log != null) {
            log.add(text, size);
        }
        synchronized (tail) {
            if (tail.size() == TAIL) {
                tail.removeFirst();
            }
            tail.addLast(text);
        }
    }
}
