package dev.kumo.spi.executor;

import dev.kumo.core.ErrorInfo;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** How a cold start ended. Each outcome carries the log lines written while initializing. */
public sealed interface StartResult {

    /** The log lines written during initialization (static initializers, constructor, {@code init}). */
    List<String> logs();

    /** The instance is ready for {@link FunctionInstance#execute}. */
    record Started(FunctionInstance instance, List<String> logs) implements StartResult {

        /** Copies the logs. */
        public Started {
            logs = List.copyOf(logs);
        }
    }

    /** Loading or initializing failed; nothing is left running. */
    record Failed(ErrorInfo error, List<String> logs) implements StartResult {

        /** Copies the logs. */
        public Failed {
            logs = List.copyOf(logs);
        }
    }

    /**
     * Initialization ran past its deadline and was interrupted. {@code ended} completes when the
     * initializing thread really finished, which may be never.
     */
    record TimedOut(List<String> logs, CompletionStage<Void> ended) implements StartResult {

        /** Copies the logs. */
        public TimedOut {
            logs = List.copyOf(logs);
        }
    }
}
