package dev.kumo.sim.trace;

import java.nio.file.Path;

/** A trace file that cannot be read as its format says; the message names the file, line and column (1-based). */
public final class TraceFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Path file;
    private final long line;
    private final int column;

    /** A problem at {@code line} and {@code column} of {@code file}; column 0 means the whole line or file. */
    public TraceFormatException(Path file, long line, int column, String problem) {
        super(file + ":" + line + (column > 0 ? ":" + column : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based line at fault. */
    public long line() {
        return line;
    }

    /** The 1-based column (field) at fault, or 0 when the whole line is. */
    public int column() {
        return column;
    }
}
