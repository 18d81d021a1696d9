package dev.kumo.async;

import dev.kumo.core.ActivationId;

/**
 * One asynchronous invocation a topic event became.
 *
 * @param rule         the rule that matched
 * @param function     the function it invokes
 * @param activationId the invocation's activation id
 */
public record Delivery(String rule, String function, ActivationId activationId) {
}
