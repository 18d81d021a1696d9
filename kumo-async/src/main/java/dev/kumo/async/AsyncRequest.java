package dev.kumo.async;

import java.util.Optional;

/**
 * An asynchronous invocation as a client asks for it.
 *
 * @param function       function name
 * @param qualifier      {@code $LATEST}, version or alias
 * @param payload        JSON event (validated by the caller)
 * @param idempotencyKey {@code Kumo-Idempotency-Key}
 * @param callbackUrl    {@code Kumo-Callback-Url}
 * @param source         {@code api} for the REST API; see {@link dev.kumo.core.event.QueuedInvocation#source()}
 */
public record AsyncRequest(String function, String qualifier, byte[] payload, Optional<String> idempotencyKey,
                           Optional<String> callbackUrl, String source) {
}
