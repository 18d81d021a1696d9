package dev.kumo.spi.executor;

import dev.kumo.core.ActivationId;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * One invocation handed to an instance.
 *
 * @param activationId id of the activation, exposed to the function through its context
 * @param payload      the raw JSON request body, possibly empty; not copied (ownership passes to the executor)
 * @param deadline     when the invocation is interrupted and {@link ExecutionResult.TimedOut} answered
 * @param onTimeout    called at most once, from another thread, when the deadline passes while the function
 *                     still runs (after its thread was interrupted), with the log lines captured until then;
 *                     it lets the caller answer at the deadline although {@link FunctionInstance#execute}
 *                     returns only when the function does. Must be quick and must not block. Not called when
 *                     {@code execute} returns first.
 * @param depth        how many calls between functions deep the invocation runs (0 for one from outside);
 *                     the calls the function makes run one deeper
 */
public record Execution(ActivationId activationId, byte[] payload, Instant deadline,
                        Consumer<List<String>> onTimeout, int depth) {

    /** Rejects missing parts. */
    public Execution {
        if (activationId == null || payload == null || deadline == null || onTimeout == null) {
            throw new IllegalArgumentException("activationId, payload, deadline and onTimeout are required");
        }
    }

    /** An execution of an invocation from outside (depth 0). */
    public Execution(ActivationId activationId, byte[] payload, Instant deadline, Consumer<List<String>> onTimeout) {
        this(activationId, payload, deadline, onTimeout, 0);
    }

    /** An execution whose caller waits for {@code execute} to return, however long past the deadline. */
    public Execution(ActivationId activationId, byte[] payload, Instant deadline) {
        this(activationId, payload, deadline, logs -> {
        });
    }
}
