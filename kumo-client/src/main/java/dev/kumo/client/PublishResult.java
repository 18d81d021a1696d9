package dev.kumo.client;

import dev.kumo.client.internal.EventWire;
import dev.kumo.client.internal.Wire;
import java.util.List;
import java.util.Objects;

/**
 * What an event posted to a topic became: one asynchronous invocation per enabled rule of the trigger.
 *
 * @param topic      the topic (trigger) name
 * @param deliveries the invocations, one per rule; empty when no rule is enabled
 */
public record PublishResult(String topic, List<Delivery> deliveries) {

    /**
     * One asynchronous invocation of the event.
     *
     * @param rule         the rule that matched
     * @param function     the function it invokes
     * @param activationId the invocation's activation id
     */
    public record Delivery(String rule, String function, String activationId) {

        /** Rejects nulls. */
        public Delivery {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(activationId, "activationId");
        }
    }

    /** Copies the deliveries. */
    public PublishResult {
        Objects.requireNonNull(topic, "topic");
        deliveries = List.copyOf(deliveries);
    }

    /** This result in the API's JSON form, pretty-printed. */
    public String toJson() {
        return Wire.pretty(EventWire.toJson(this));
    }
}
