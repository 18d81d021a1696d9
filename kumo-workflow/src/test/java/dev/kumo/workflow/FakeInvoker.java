package dev.kumo.workflow;

import dev.kumo.core.CodeRef;
import dev.kumo.core.ErrorInfo;
import dev.kumo.core.FunctionConfig;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.InvocationRequest;
import dev.kumo.core.InvocationResult;
import dev.kumo.core.NotFoundException;
import dev.kumo.workflow.internal.WorkflowJson;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** Functions as lambdas from JSON input to JSON output; a lambda that throws is a function error. */
final class FakeInvoker implements StepInvoker {

    final Map<String, Function<JsonNode, Object>> functions = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final List<InvocationRequest> requests = new CopyOnWriteArrayList<>();

    FakeInvoker with(String name, Function<JsonNode, Object> body) {
        functions.put(name, body);
        return this;
    }

    int calls(String name) {
        return calls.getOrDefault(name, new AtomicInteger()).get();
    }

    @Override
    public InvocationResult invoke(InvocationRequest request) {
        requests.add(request);
        calls.computeIfAbsent(request.function(), n -> new AtomicInteger()).incrementAndGet();
        var body = functions.get(request.function());
        if (body == null) {
            return new InvocationResult.NotFound("no function " + request.function());
        }
        try {
            var out = body.apply(WorkflowJson.MAPPER.readTree(request.payload()));
            if (out instanceof InvocationResult r) {
                return r;
            }
            return new InvocationResult.Success(request.id(), "$LATEST", false,
                    WorkflowJson.MAPPER.writeValueAsBytes(out));
        } catch (RuntimeException e) {
            return new InvocationResult.FunctionError(request.id(), "$LATEST", false, ErrorInfo.of(e));
        }
    }

    @Override
    public FunctionVersion resolve(String function, String qualifier) {
        if (!functions.containsKey(function)) {
            throw new NotFoundException("function '" + function + "' not found");
        }
        return new FunctionVersion(function, "$LATEST", new FunctionConfig("x.Y", "java", 256, 30_000, 16, 64, dev.kumo.core.Tier.SHARED, Map.of(), ""),
                new CodeRef("0".repeat(64), 1), java.time.Instant.EPOCH, 1);
    }
}
