package dev.kumo.server.compat.openwhisk;

import dev.kumo.async.AsyncRequest;
import dev.kumo.async.AsyncRuntime;
import dev.kumo.core.ActivationId;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.InvocationRequest;
import dev.kumo.core.InvocationResult;
import dev.kumo.core.event.Enqueued;
import dev.kumo.runtime.Dispatcher;
import dev.kumo.server.http.Response;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/namespaces/{ns}/actions/{name}}: invokes an action with its default parameters merged
 * under the body. Non-blocking (the default) goes through Kumo's durable asynchronous queue and answers
 * 202 {@code {activationId}}; {@code blocking=true} runs it through the dispatcher and answers the activation
 * record (200, or 502 when it failed), or only its result with {@code result=true}; an invocation still
 * running after the blocking wait answers 202 {@code {activationId}} and runs on.
 */
final class WhiskInvoker {

    private final Dispatcher dispatcher;
    private final AsyncRuntime async;
    private final WhiskActions actions;
    private final WhiskActivations activations;
    private final JsonMapper mapper;
    private final InstantSource clock;
    private final Duration blockingWait;

    WhiskInvoker(Dispatcher dispatcher, AsyncRuntime async, WhiskActions actions, WhiskActivations activations,
                 JsonMapper mapper, InstantSource clock, Duration blockingWait) {
        this.dispatcher = dispatcher;
        this.async = async;
        this.actions = actions;
        this.activations = activations;
        this.mapper = mapper;
        this.clock = clock;
        this.blockingWait = blockingWait;
    }

    Response invoke(WhiskCall c) throws InterruptedException {
        String kumo = WhiskNames.kumo(c.namespace(), c.param("name"));
        actions.latest(kumo);
        byte[] payload = payload(kumo, c);
        if (!c.flag("blocking")) {
            var enqueued = async.invoke(new AsyncRequest(kumo, FunctionVersion.LATEST, payload, Optional.empty(),
                    Optional.empty(), "api"));
            ActivationId id = switch (enqueued) {
                case Enqueued.Accepted a -> a.id();
                case Enqueued.Duplicate d -> d.id();
                case Enqueued.Conflict x -> x.id();
            };
            return accepted(id);
        }
        var id = ActivationId.random();
        var request = new InvocationRequest(kumo, FunctionVersion.LATEST, payload, clock.instant(), id, 1);
        var running = new CompletableFuture<InvocationResult>();
        Thread.ofVirtual().name("openwhisk-blocking-" + id).start(() -> {
            try {
                running.complete(dispatcher.invoke(request));
            } catch (Throwable t) {
                running.completeExceptionally(t);
            }
        });
        InvocationResult result;
        try {
            result = running.get(blockingWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return accepted(id);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return switch (result) {
            case InvocationResult.NotFound n -> throw WhiskException.notFound();
            case InvocationResult.Rejected r -> throw new WhiskException(HttpResponseStatus.TOO_MANY_REQUESTS,
                    "Too many requests: " + r.message());
            case InvocationResult.Success s -> answer(c, s.activationId());
            case InvocationResult.FunctionError f -> answer(c, f.activationId());
            case InvocationResult.TimedOut t -> answer(c, t.activationId());
            case InvocationResult.InvalidInput i -> answer(c, i.activationId());
        };
    }

    private Response answer(WhiskCall c, ActivationId id) {
        var record = activations.record(id).orElseThrow(() -> new IllegalStateException(
                "activation " + id + " was not recorded"));
        var status = ActivationRecord.success(record) ? HttpResponseStatus.OK : HttpResponseStatus.BAD_GATEWAY;
        Object body = c.flag("result") ? ((Map<?, ?>) record.get("response")).get("result") : record;
        return WhiskApi.json(status, mapper, body);
    }

    private Response accepted(ActivationId id) {
        return WhiskApi.json(HttpResponseStatus.ACCEPTED, mapper, Map.of("activationId", id.value()));
    }

    /** The body merged over the action's default parameters (the body wins). */
    private byte[] payload(String kumo, WhiskCall c) {
        ObjectNode merged = mapper.createObjectNode();
        actions.parameters(kumo).forEach(merged::set);
        var body = c.body(mapper);
        body.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
        return mapper.writeValueAsBytes(merged);
    }
}
