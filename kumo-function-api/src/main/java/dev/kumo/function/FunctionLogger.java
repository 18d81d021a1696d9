package dev.kumo.function;

/**
 * Writes lines into the current activation's logs. Lines written to {@code System.out} and
 * {@code System.err} during an invocation are captured the same way; this logger adds a level.
 */
@FunctionalInterface
public interface FunctionLogger {

    /** Severity of a log line. */
    enum Level { DEBUG, INFO, WARN, ERROR }

    /** Appends one line at the given level. */
    void log(Level level, String message);

    /** Appends one line at {@link Level#INFO}. */
    default void info(String message) {
        log(Level.INFO, message);
    }

    /** Appends one line at {@link Level#WARN}. */
    default void warn(String message) {
        log(Level.WARN, message);
    }

    /** Appends one line at {@link Level#ERROR}. */
    default void error(String message) {
        log(Level.ERROR, message);
    }
}
