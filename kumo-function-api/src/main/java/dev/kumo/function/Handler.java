package dev.kumo.function;

/**
 * A Kumo function. The runtime maps the JSON request body to {@code I} (a record, POJO, {@code Map},
 * {@code String}, {@code byte[]} or Jackson {@code JsonNode}) and the returned {@code O} back to JSON.
 *
 * <p>One instance of the handler class serves many invocations; {@link #init(Context)} runs once per
 * instance, on its cold start, before the first {@link #handle(Object, Context)}. Put expensive set-up
 * (connections, models, caches) there.
 *
 * @param <I> input type
 * @param <O> output type
 */
@FunctionalInterface
public interface Handler<I, O> {

    /**
     * Handles one invocation. Throwing reports a function error to the caller (HTTP 502) with the
     * exception's type, message and stack trace.
     */
    O handle(I input, Context ctx) throws Exception;

    /** Runs once per instance before its first invocation; the default does nothing. */
    default void init(Context ctx) throws Exception {
    }
}
