package dev.kumo.spi.executor;

import dev.kumo.core.ErrorInfo;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** How one execution on an instance ended. Each outcome carries the activation's captured log lines. */
public sealed interface ExecutionResult {

    /** The log lines captured for the activation, bounded by the executor. */
    List<String> logs();

    /** The function returned; {@code output} is its JSON (not copied). */
    record Returned(byte[] output, List<String> logs) implements ExecutionResult {

        /** Copies the logs. */
        public Returned {
            logs = List.copyOf(logs);
        }
    }

    /** The function threw, or its output could not be serialized. */
    record Threw(ErrorInfo error, List<String> logs) implements ExecutionResult {

        /** Copies the logs. */
        public Threw {
            logs = List.copyOf(logs);
        }
    }

    /**
     * The deadline passed; the function's thread was interrupted. {@code ended} completes when that thread
     * really finished, which may be never for code that ignores interrupts (it is already complete when the
     * function ran on the caller's thread).
     */
    record TimedOut(List<String> logs, CompletionStage<Void> ended) implements ExecutionResult {

        /** Copies the logs. */
        public TimedOut {
            logs = List.copyOf(logs);
        }
    }

    /** The payload cannot be mapped to the handler's input type; the handler did not run. */
    record InvalidInput(String message, List<String> logs) implements ExecutionResult {

        /** Copies the logs. */
        public InvalidInput {
            logs = List.copyOf(logs);
        }
    }
}
