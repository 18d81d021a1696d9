package dev.kumo.server.compat.openwhisk;

import dev.kumo.async.AsyncRuntime;
import dev.kumo.core.ConflictException;
import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.LimitExceededException;
import dev.kumo.core.NotFoundException;
import dev.kumo.core.event.Namespace;
import dev.kumo.runtime.Dispatcher;
import dev.kumo.server.http.ApiException;
import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.server.http.Router;
import dev.kumo.server.routes.Deployer;
import dev.kumo.spi.store.Store;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenWhisk-compatible API: registers its routes on Kumo's router and puts OpenWhisk's conventions
 * around each: loopback-only unless opened, HTTP basic auth with a namespace's {@code uuid:key} (401 without
 * valid credentials, 403 for another namespace), JSON on every answer with errors as
 * {@code {"error":"...","code":"<request id>"}}, and the request id in {@code X-Request-ID}. Paths under
 * {@code /api} that match no route, and methods a route does not serve, get the same JSON errors (the router's
 * 404 and 405 in this shape).
 */
public final class WhiskApi {

    /** Where the namespaces live. */
    public static final String BASE = "/api/v1/namespaces";
    /** Response header carrying the request id. */
    public static final String REQUEST_ID = "X-Request-ID";

    /** Serves one authenticated call. */
    @FunctionalInterface
    interface WhiskHandler {
        Response handle(WhiskCall call) throws Exception;
    }

    private final Namespaces namespaces;
    private final boolean allowRemote;
    private final JsonMapper mapper;
    private final WhiskActions actions;
    private final WhiskActivations activations;
    private final WhiskInvoker invoker;
    private final WhiskTriggers triggers;
    private final System.Logger log = System.getLogger(WhiskApi.class.getName());

    /**
     * Creates the API.
     *
     * @param store        functions, triggers, rules, activations and OpenWhisk entities
     * @param deployer     deploys actions as Kumo functions
     * @param dispatcher   runs blocking invocations
     * @param async        queues non-blocking invocations and trigger events
     * @param mapper       JSON mapper
     * @param clock        time source
     * @param namespaces   namespaces and their keys
     * @param allowRemote  whether non-loopback clients may call
     * @param retire       drops warm instances of a deleted action
     * @param blockingWait how long a blocking invocation is waited for before it is answered 202
     */
    public WhiskApi(Store store, Deployer deployer, Dispatcher dispatcher, AsyncRuntime async, JsonMapper mapper,
                    InstantSource clock, Namespaces namespaces, boolean allowRemote, Consumer<String> retire,
                    Duration blockingWait) {
        this.namespaces = namespaces;
        this.allowRemote = allowRemote;
        this.mapper = mapper;
        this.actions = new WhiskActions(store, deployer, mapper, clock, retire);
        this.activations = new WhiskActivations(store.activations(), actions, mapper);
        this.invoker = new WhiskInvoker(dispatcher, async, actions, activations, mapper, clock, blockingWait);
        this.triggers = new WhiskTriggers(store, async, mapper, clock);
    }

    /** Registers the routes, and OpenWhisk's error shape for every other path and method under {@code /api}. */
    public void register(Router router) {
        route(router, "/api/v1", Map.of(HttpMethod.GET, this::info));
        route(router, BASE, Map.of(HttpMethod.GET, c -> ok(mapper, List.of(c.caller().name()))));
        route(router, BASE + "/{ns}/actions", Map.of(HttpMethod.GET, actions::list));
        route(router, BASE + "/{ns}/actions/{name}", Map.of(HttpMethod.GET, actions::get,
                HttpMethod.PUT, actions::put, HttpMethod.DELETE, actions::delete, HttpMethod.POST, invoker::invoke));
        route(router, BASE + "/{ns}/activations", Map.of(HttpMethod.GET, activations::list));
        route(router, BASE + "/{ns}/activations/{id}", Map.of(HttpMethod.GET, activations::get));
        route(router, BASE + "/{ns}/activations/{id}/logs", Map.of(HttpMethod.GET, activations::logs));
        route(router, BASE + "/{ns}/activations/{id}/result", Map.of(HttpMethod.GET, activations::result));
        route(router, BASE + "/{ns}/triggers", Map.of(HttpMethod.GET, triggers::listTriggers));
        route(router, BASE + "/{ns}/triggers/{name}", Map.of(HttpMethod.GET, triggers::getTrigger,
                HttpMethod.PUT, triggers::putTrigger, HttpMethod.DELETE, triggers::deleteTrigger,
                HttpMethod.POST, triggers::fire));
        route(router, BASE + "/{ns}/rules", Map.of(HttpMethod.GET, triggers::listRules));
        route(router, BASE + "/{ns}/rules/{name}", Map.of(HttpMethod.GET, triggers::getRule,
                HttpMethod.PUT, triggers::putRule, HttpMethod.DELETE, triggers::deleteRule,
                HttpMethod.POST, triggers::setStatus));
        // no route, wrong method: the router's 404 and 405, in OpenWhisk's shape
        router.errorShape("/api", e -> error(e.status(), e.status().code() == 404
                ? "The requested resource does not exist." : e.getMessage(), requestId(), e.headers()));
    }

    private void route(Router router, String pattern, Map<HttpMethod, WhiskHandler> handlers) {
        handlers.forEach((method, handler) -> router.add(method, pattern, r -> guarded(r, handler)));
    }

    private Response info(WhiskCall c) {
        var info = new LinkedHashMap<String, Object>();
        info.put("description", "Kumo's OpenWhisk-compatible API");
        info.put("api_paths", List.of("/api/v1"));
        return ok(mapper, info);
    }

    /** Checks the client's address and credentials, runs the handler and renders its errors. */
    private Response guarded(Request r, WhiskHandler handler) {
        String requestId = requestId();
        try {
            if (!allowRemote && !loopback(r.sourceIp())) {
                throw new WhiskException(HttpResponseStatus.FORBIDDEN, "The OpenWhisk API answers loopback clients "
                        + "only; start Kumo with --openwhisk-allow-remote to open it.");
            }
            var caller = authenticate(r);
            return handler.handle(new WhiskCall(r, caller, requestId)).withHeaders(Map.of(REQUEST_ID, requestId));
        } catch (WhiskException e) {
            return error(e.status(), e.getMessage(), requestId, Map.of());
        } catch (ApiException e) {
            return error(e.status(), e.getMessage(), requestId, e.headers());
        } catch (InvalidRequestException e) {
            return error(HttpResponseStatus.BAD_REQUEST, e.getMessage(), requestId, Map.of());
        } catch (ConflictException e) {
            return error(HttpResponseStatus.CONFLICT, e.getMessage(), requestId, Map.of());
        } catch (NotFoundException e) {
            return error(HttpResponseStatus.NOT_FOUND, e.getMessage(), requestId, Map.of());
        } catch (LimitExceededException e) {
            return error(HttpResponseStatus.TOO_MANY_REQUESTS, e.getMessage(), requestId,
                    Map.of("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds()))));
        } catch (JacksonException e) {
            return error(HttpResponseStatus.BAD_REQUEST, "The request content was malformed: "
                    + e.getOriginalMessage(), requestId, Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(HttpResponseStatus.SERVICE_UNAVAILABLE, "The server is shutting down.", requestId, Map.of());
        } catch (Exception | StackOverflowError e) {
            log.log(System.Logger.Level.ERROR, "OpenWhisk route " + r.path() + " failed", e);
            return error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "An internal error occurred: "
                    + e.getClass().getSimpleName(), requestId, Map.of());
        }
    }

    private Namespace authenticate(Request r) {
        var header = r.header(HttpHeaderNames.AUTHORIZATION).map(String::strip).orElse("");
        if (header.isEmpty()) {
            throw new WhiskException(HttpResponseStatus.UNAUTHORIZED,
                    "The resource requires authentication, which was not supplied with the request");
        }
        Optional<Namespace> ns = Optional.empty();
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String auth = new String(Base64.getDecoder().decode(header.substring(6).strip()),
                        StandardCharsets.UTF_8);
                ns = namespaces.authenticate(auth);
            } catch (IllegalArgumentException e) {
                // not base64: invalid credentials below
            }
        }
        return ns.orElseThrow(() -> new WhiskException(HttpResponseStatus.UNAUTHORIZED,
                "The supplied authentication is invalid"));
    }

    private static boolean loopback(String ip) {
        if (ip.isEmpty()) {
            return false;
        }
        try {
            return InetAddress.ofLiteral(ip).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Response error(HttpResponseStatus status, String message, String requestId, Map<String, String> headers) {
        var body = new LinkedHashMap<String, Object>();
        body.put("error", message);
        body.put("code", requestId);
        var all = new LinkedHashMap<>(headers);
        all.put(REQUEST_ID, requestId);
        return new Response(status, Response.JSON, all, mapper.writeValueAsBytes(body));
    }

    private static String requestId() {
        var rnd = ThreadLocalRandom.current();
        var hex = java.util.HexFormat.of();
        return hex.toHexDigits(rnd.nextLong()) + hex.toHexDigits(rnd.nextLong());
    }

    static Response ok(JsonMapper mapper, Object body) {
        return json(HttpResponseStatus.OK, mapper, body);
    }

    static Response json(HttpResponseStatus status, JsonMapper mapper, Object body) {
        return Response.json(status, mapper.writeValueAsBytes(body));
    }
}
