package dev.kumo.runtime.internal;

import dev.kumo.function.FunctionLogger;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bounded log of one activation (or one cold start). Receives raw bytes from the captured
 * {@code System.out}/{@code System.err} and whole lines from the function's logger. Past the line or byte
 * limit it keeps one {@value #TRUNCATED} line and drops the rest; after {@link #drain()} it ignores writes,
 * so a timed-out function that keeps printing cannot grow a log nobody reads.
 *
 * <p>Methods synchronize on the buffer: an activation may print from several threads it forked inside its
 * scope, and the logger may be handed to other threads.
 */
final class LogBuffer implements FunctionLogger {

    /** The line that replaces everything past the limits. */
    public static final String TRUNCATED = "[logs truncated]";

    private final int maxLines;
    private final int maxBytes;
    private List<String> lines = List.of();
    private int bytes;
    private byte[] partial;
    private int partialLength;
    private Charset partialCharset;
    private boolean truncated;
    private boolean closed;

    /** Creates a buffer holding at most {@code maxLines} lines and {@code maxBytes} bytes. */
    LogBuffer(int maxLines, int maxBytes) {
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
    }

    /** Appends bytes written to a captured stream; a line ends at {@code \n}. */
    synchronized void write(byte[] b, int off, int len, Charset charset) {
        if (closed || truncated) {
            return;
        }
        partialCharset = charset;
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] == '\n') {
                appendPartial(b, start, i - start);
                completeLine();
                start = i + 1;
                if (truncated) {
                    return;
                }
            }
        }
        appendPartial(b, start, end - start);
    }

    @Override
    public synchronized void log(Level level, String message) {
        if (closed || truncated) {
            return;
        }
        String line = level.name() + ' ' + message;
        add(line, line.length());
    }

    /** Appends one line exactly as given. */
    synchronized void line(String line) {
        if (!closed && !truncated) {
            add(line, line.length());
        }
    }

    /** Ends the log: flushes a pending partial line, stops accepting writes and returns the lines. */
    synchronized List<String> drain() {
        if (!closed) {
            if (partialLength > 0 && !truncated) {
                completeLine();
            }
            closed = true;
            partial = null;
        }
        return List.copyOf(lines);
    }

    private void appendPartial(byte[] b, int off, int len) {
        if (len == 0 || truncated) {
            return;
        }
        if (bytes + partialLength + len > maxBytes) {
            truncate();
            return;
        }
        if (partial == null) {
            partial = new byte[Math.max(128, len)];
        } else if (partialLength + len > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLength + len));
        }
        System.arraycopy(b, off, partial, partialLength, len);
        partialLength += len;
    }

    private void completeLine() {
        int length = partialLength;
        if (length > 0 && partial[length - 1] == '\r') {
            length--;
        }
        String line = length == 0 ? "" : new String(partial, 0, length, partialCharset);
        int size = partialLength;
        partialLength = 0;
        add(line, size);
    }

    private void add(String line, int size) {
        if (lines.size() >= maxLines || bytes + size > maxBytes) {
            truncate();
            return;
        }
        if (lines.isEmpty()) {
            lines = new ArrayList<>();
        }
        lines.add(line);
        bytes += size;
    }

    private void truncate() {
        if (!truncated) {
            truncated = true;
            partialLength = 0;
            if (lines.isEmpty()) {
                lines = new ArrayList<>();
            }
            lines.add(TRUNCATED);
        }
    }
}
