package dev.kumo.client;

import dev.kumo.client.internal.EventWire;
import dev.kumo.client.internal.Wire;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An asynchronous invocation that will not be tried again, kept until it is redriven or deleted.
 *
 * @param activationId its activation id
 * @param function     function name
 * @param qualifier    version or alias it invoked
 * @param source       where it came from: {@code api}, {@code schedule:NAME}, {@code topic:NAME}, ...
 * @param payload      the event, as JSON text
 * @param accepted     when the server accepted it
 * @param deadLettered when it was moved to the dead-letter store
 * @param reason       why, for people
 * @param attempts     attempts made
 * @param history      those attempts, oldest first
 */
public record DeadLetterInfo(String activationId, String function, String qualifier, String source, String payload,
                             Instant accepted, Instant deadLettered, String reason, int attempts,
                             List<AttemptInfo> history) {

    /** Copies the history and rejects nulls. */
    public DeadLetterInfo {
        Objects.requireNonNull(activationId, "activationId");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(accepted, "accepted");
        Objects.requireNonNull(deadLettered, "deadLettered");
        Objects.requireNonNull(reason, "reason");
        history = List.copyOf(history);
    }

    /** This dead letter in the API's JSON form, pretty-printed. */
    public String toJson() {
        return Wire.pretty(EventWire.toJson(this));
    }
}
