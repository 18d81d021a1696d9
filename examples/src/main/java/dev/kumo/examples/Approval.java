package dev.kumo.examples;

import dev.kumo.function.OrchestrationContext;
import dev.kumo.function.Orchestrator;
import java.time.Duration;
import java.util.Map;

/**
 * A durable orchestration with a human in the loop: prepares a request ({@code prepare-request}), waits up to
 * seven days for the event {@code approval} ({@code {"approved": true|false, "by": "..."}}), then calls
 * {@code grant-request} or {@code reject-request}. Deterministic, as orchestrators must be: everything that
 * varies comes through {@code ctx}.
 */
public final class Approval implements Orchestrator<Map<String, Object>, Map<String, Object>> {

    /** The event body. */
    public record Decision(boolean approved, String by) {
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> run(Map<String, Object> input, OrchestrationContext ctx) {
        Map<String, Object> request = ctx.call("prepare-request", input, Map.class);
        var decision = ctx.waitForEvent("approval", Decision.class, Duration.ofDays(7))
                .orElse(new Decision(false, "timeout"));
        Map<String, Object> outcome = ctx.call(decision.approved() ? "grant-request" : "reject-request",
                Map.of("request", request, "by", decision.by()), Map.class);
        return Map.of("request", request, "approved", decision.approved(), "by", decision.by(), "outcome", outcome);
    }
}
