package dev.kumo.core.event;

import dev.kumo.core.ActivationId;
import java.time.Instant;

/**
 * A pending POST of an asynchronous invocation's outcome to its {@code Kumo-Callback-Url}, stored durably
 * with the outcome and retried until the receiver answers 2xx or the attempts run out.
 *
 * @param activation the invocation it reports
 * @param url        where to POST
 * @param body       the JSON body
 * @param attempts   deliveries tried so far
 * @param notBefore  the earliest time of the next try
 * @param created    when the outcome was known
 */
public record CallbackDelivery(ActivationId activation, String url, byte[] body, int attempts, Instant notBefore,
                               Instant created) {
}
