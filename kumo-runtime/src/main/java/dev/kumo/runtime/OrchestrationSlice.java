package dev.kumo.runtime;

import dev.kumo.function.InvocationException;
import dev.kumo.function.OrchestrationContext;
import dev.kumo.function.Orchestrator;
import dev.kumo.function.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one slice of an {@link Orchestrator}: its code from the start, replaying the journal it is given,
 * until it returns, throws or reaches a step that is not complete. The payload is
 * {@code {"kumoOrchestration":1,"runId","input","now","journal":[step...]}}; the answer is
 * {@code {"kumoSlice":"completed|failed|suspended","output","error":{type,message},"steps":[new step...]}},
 * where a step is {@code {kind: call|sleep|event|now, name, status, input, result, error, until}}. The
 * workflow runtime journals the new steps, runs what they ask for and runs the next slice when one completes.
 */
public final class OrchestrationSlice {

    /** Unwinds the orchestrator at a step that is not complete; an {@link Error} so catch-all code passes it. */
    private static final class Suspended extends Error {
        Suspended() {
            super("suspended", null, false, false);
        }
    }

    private static final class NonDeterminism extends Error {
        NonDeterminism(String message) {
            super(message, null, false, false);
        }
    }

    private OrchestrationSlice() {
    }

    /** Whether {@code payload} is a slice request (and not a plain invocation of the orchestrator). */
    public static boolean isSlice(JsonNode payload) {
        return payload.has("kumoOrchestration");
    }

    /** Runs one slice of {@code orchestrator} on {@code payload}; the answer as JSON. */
    public static byte[] run(Orchestrator<Object, Object> orchestrator, JavaType inputType, byte[] payload,
                             JsonMapper mapper) {
        var request = mapper.readTree(payload);
        if (!isSlice(request)) {
            throw new IllegalArgumentException("an orchestrator runs through POST /v1/orchestrations/{name}/start");
        }
        var journal = new ArrayList<JsonNode>();
        request.path("journal").forEach(journal::add);
        var ctx = new Replay(mapper, request.path("runId").asString(""), Instant.parse(request.path("now").asString()),
                journal);
        var answer = mapper.createObjectNode();
        try {
            var input = mapper.convertValue(request.get("input"), inputType);
            var output = orchestrator.run(input, ctx);
            answer.put("kumoSlice", "completed").set("output", mapper.valueToTree(output));
        } catch (Suspended s) {
            answer.put("kumoSlice", "suspended");
        } catch (NonDeterminism n) {
            answer.put("kumoSlice", "failed").set("error", error(mapper, "NonDeterminism", n.getMessage()));
        } catch (InvocationException e) {
            answer.put("kumoSlice", "failed").set("error", error(mapper, e.errorType(), e.getMessage()));
        } catch (Exception e) {
            answer.put("kumoSlice", "failed").set("error", error(mapper, e.getClass().getName(),
                    String.valueOf(e.getMessage())));
        }
        var steps = answer.putArray("steps");
        ctx.added.forEach(steps::add);
        return mapper.writeValueAsBytes(answer);
    }

    private static ObjectNode error(JsonMapper mapper, String type, String message) {
        return mapper.createObjectNode().put("type", type).put("message", message);
    }

    private static final class Replay implements OrchestrationContext {
        private final JsonMapper mapper;
        private final String runId;
        private final Instant now;
        private final List<JsonNode> journal;
        private final List<ObjectNode> added = new ArrayList<>();
        private int next;

        Replay(JsonMapper mapper, String runId, Instant now, List<JsonNode> journal) {
            this.mapper = mapper;
            this.runId = runId;
            this.now = now;
            this.journal = journal;
        }

        /** Step {@code next}: as journaled (checked to be the same kind and name), or added by {@code fresh}. */
        private JsonNode step(String kind, String name, Consumer<ObjectNode> fresh) {
            int k = next++;
            if (k < journal.size()) {
                var recorded = journal.get(k);
                var rKind = recorded.path("kind").asString("");
                var rName = recorded.path("name").asString("");
                if (!rKind.equals(kind) || !rName.equals(name)) {
                    throw new NonDeterminism("step " + k + ": the journal recorded " + rKind + " '" + rName
                            + "' but the orchestrator now asks for " + kind + " '" + name + "'");
                }
                return recorded;
            }
            var step = mapper.createObjectNode().put("kind", kind).put("name", name);
            fresh.accept(step);
            added.add(step);
            return step;
        }

        @Override
        public String runId() {
            return runId;
        }

        @Override
        public <T> T call(String function, Object input, Class<T> type) {
            return callAsync(function, input, type).get();
        }

        @Override
        public <T> Task<T> callAsync(String function, Object input, Class<T> type) {
            var step = step("call", function, s -> s.put("status", "running").set("input", mapper.valueToTree(input)));
            return () -> switch (step.path("status").asString("")) {
                case "succeeded" -> convert(step.get("result"), type);
                case "failed" -> throw new InvocationException(InvocationException.Kind.FUNCTION_ERROR,
                        step.path("error").path("type").asString("Error"),
                        step.path("error").path("message").asString(""), Optional.empty());
                default -> throw new Suspended();
            };
        }

        @Override
        public void sleep(Duration duration) {
            var step = step("sleep", duration.toString(), s -> s.put("status", "waiting")
                    .put("until", now.plus(duration).toString()));
            if (!"succeeded".equals(step.path("status").asString(""))) {
                throw new Suspended();
            }
        }

        @Override
        public <T> T waitForEvent(String name, Class<T> type) {
            var step = step("event", name, s -> s.put("status", "waiting"));
            if (!"succeeded".equals(step.path("status").asString(""))) {
                throw new Suspended();
            }
            return convert(step.get("result"), type);
        }

        @Override
        public <T> Optional<T> waitForEvent(String name, Class<T> type, Duration timeout) {
            var step = step("event", name, s -> s.put("status", "waiting").put("until", now.plus(timeout).toString()));
            return switch (step.path("status").asString("")) {
                case "succeeded" -> Optional.ofNullable(convert(step.get("result"), type));
                case "timedOut" -> Optional.empty();
                default -> throw new Suspended();
            };
        }

        @Override
        public Instant now() {
            var step = step("now", "now", s -> s.put("status", "succeeded").put("result", now.toString()));
            return Instant.parse(step.path("result").asString());
        }

        private <T> T convert(JsonNode node, Class<T> type) {
            if (node == null || node.isNull() || type == Void.class) {
                return null;
            }
            return mapper.convertValue(node, type);
        }
    }
}
