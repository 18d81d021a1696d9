package dev.kumo.async.internal;

import dev.kumo.async.InvocationTarget;
import dev.kumo.core.ActivationId;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.NotFoundException;
import dev.kumo.core.event.QueuedInvocation;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the asynchronous invocation of an {@code onSuccess} or {@code onFailure} destination function. Its
 * payload has the shape of Lambda's destination record: {@code version}, {@code timestamp},
 * {@code requestContext} (request id, function, condition, approximate invoke count), the original
 * {@code requestPayload}, {@code responseContext} and {@code responsePayload} (the result, or
 * {@code {errorType, errorMessage}}).
 */
public final class Destinations {

    private static final System.Logger LOG = System.getLogger(Destinations.class.getName());

    private final InvocationTarget target;
    private final JsonMapper mapper;

    /** Checks destinations against {@code target}; writes JSON with {@code mapper}. */
    public Destinations(InvocationTarget target, JsonMapper mapper) {
        this.target = target;
        this.mapper = mapper;
    }

    /**
     * The invocation of {@code destination} that reports {@code outcome}; empty (with a warning) when the
     * destination function does not exist.
     */
    public Optional<QueuedInvocation> invocation(String destination, Outcome outcome, Instant now) {
        try {
            target.resolve(destination, FunctionVersion.LATEST);
        } catch (NotFoundException e) {
            LOG.log(System.Logger.Level.WARNING, "destination function '" + destination + "' of '"
                    + outcome.invocation().function() + "' does not exist; outcome of "
                    + outcome.invocation().id() + " not delivered to it");
            return Optional.empty();
        }
        String source = (outcome.succeeded() ? "onSuccess:" : "onFailure:") + outcome.invocation().function();
        return Optional.of(QueuedInvocation.accept(ActivationId.random(), destination, FunctionVersion.LATEST,
                payload(outcome, now), now, source, Optional.empty(), Optional.empty()));
    }

    /** The destination record of {@code outcome}. */
    byte[] payload(Outcome outcome, Instant now) {
        ObjectNode root = mapper.createObjectNode();
        root.put("version", "1.0");
        root.put("timestamp", now.toString());
        ObjectNode request = root.putObject("requestContext");
        request.put("requestId", outcome.invocation().id().value());
        request.put("functionName", outcome.invocation().function());
        request.put("condition", outcome.condition().wireName());
        request.put("approximateInvokeCount", outcome.attempts());
        root.set("requestPayload", outcome.request(mapper));
        ObjectNode response = root.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", outcome.version());
        if (outcome.succeeded()) {
            root.set("responsePayload", outcome.result(mapper));
        } else {
            response.put("functionError", "Unhandled");
            ObjectNode error = root.putObject("responsePayload");
            error.put("errorType", outcome.error().map(e -> e.errorType()).orElse(outcome.condition().wireName()));
            error.put("errorMessage", outcome.error().map(e -> e.message()).orElse(""));
        }
        return mapper.writeValueAsBytes(root);
    }
}
