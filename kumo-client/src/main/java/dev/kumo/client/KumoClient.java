package dev.kumo.client;

import dev.kumo.client.internal.Encoder;
import dev.kumo.client.internal.EventWire;
import dev.kumo.client.internal.Paging;
import dev.kumo.client.internal.RequestTarget;
import dev.kumo.client.internal.Response;
import dev.kumo.client.internal.Transport;
import dev.kumo.client.internal.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Client of one Kumo server's REST API (v1). Every method is one HTTP exchange unless it says otherwise, blocks
 * until the answer arrives or the request timeout passes, and is safe to call from many (virtual) threads.
 *
 * <p>A refusal by the server throws {@link KumoApiException}; an unreachable server throws
 * {@link KumoConnectionException}; an answer that does not follow the API throws {@link KumoProtocolException}.
 * A function that throws or times out is not an exception: {@link #invoke} returns it as an
 * {@link InvokeResponse} with status 502 or 504.
 */
public final class KumoClient implements AutoCloseable {

    /** How long a request waits for its answer unless configured otherwise. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private static final String JSON = "application/json";
    private static final String JAR = "application/java-archive";
    private static final int ALL_PAGE_SIZE = Paging.ALL_PAGE_SIZE;

    private final URI baseUrl;
    private final Duration requestTimeout;
    private final Transport transport;
    private final DeadLetterClient deadLetters;
    private final ScheduleClient schedules;
    private final WorkflowClient workflows;
    private final TriggerClient triggers;
    private final RuleClient rules;
    private final RouteClient routes;
    private final NamespaceClient namespaces;

    private KumoClient(URI baseUrl, Duration requestTimeout) {
        this.baseUrl = baseUrl;
        this.requestTimeout = requestTimeout;
        this.transport = new Transport(baseUrl, requestTimeout);
        this.deadLetters = new DeadLetterClient(transport);
        this.schedules = new ScheduleClient(transport);
        this.workflows = new WorkflowClient(transport);
        this.triggers = new TriggerClient(transport);
        this.rules = new RuleClient(transport);
        this.routes = new RouteClient(transport);
        this.namespaces = new NamespaceClient(transport);
    }

    /** A client of the server at {@code baseUrl} (such as {@code http://127.0.0.1:8080}) with a 60 s timeout. */
    public static KumoClient create(URI baseUrl) {
        return create(baseUrl, DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * A client of the server at {@code baseUrl} whose requests each wait at most {@code requestTimeout}.
     *
     * @throws IllegalArgumentException when the URL is not an absolute http(s) URL or the timeout is not positive
     */
    public static KumoClient create(URI baseUrl, Duration requestTimeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (!("http".equalsIgnoreCase(baseUrl.getScheme()) || "https".equalsIgnoreCase(baseUrl.getScheme()))
                || baseUrl.getHost() == null || baseUrl.getQuery() != null || baseUrl.getFragment() != null) {
            throw new IllegalArgumentException("base URL must look like http://host:port, got '" + baseUrl + "'");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive, got " + requestTimeout);
        }
        return new KumoClient(baseUrl, requestTimeout);
    }

    /** The server this client talks to. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** How long each request waits for its answer. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    // ---- functions ----

    /**
     * Deploys a jar file; see {@link #deploy(String, byte[], FunctionSpec)}.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public DeployResult deploy(String name, Path jar, FunctionSpec spec) {
        try {
            return deploy(name, Files.readAllBytes(jar), spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read jar " + jar + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates a function or replaces the code of its {@code $LATEST}, changing the settings the spec sets. Without
     * {@code env} the jar goes raw to {@code PUT /v1/functions/{name}/code} with the settings as query parameters;
     * {@code env} and {@code async} exist only in the JSON form, so with either the whole deploy is one
     * {@code PUT /v1/functions/{name}}
     * carrying the jar base64-encoded. Either way it is a single request: the function never has the new code
     * without the new settings.
     */
    public DeployResult deploy(String name, byte[] jar, FunctionSpec spec) {
        if (spec.env().isPresent() || spec.async().isPresent()) {
            return putFunction(name, spec, jar);
        }
        RequestTarget target = functionTarget(name, "code");
        target = with(target, "handler", spec.handler());
        target = with(target, "runtime", spec.runtime());
        if (spec.memoryMb().isPresent()) {
            target = target.with("memoryMb", spec.memoryMb().getAsInt());
        }
        if (spec.timeoutMs().isPresent()) {
            target = target.with("timeoutMs", spec.timeoutMs().getAsLong());
        }
        target = with(target, "tier", spec.tier().map(Tier::wireName));
        if (spec.concurrency().isPresent()) {
            target = target.with("concurrency", spec.concurrency().getAsInt());
        }
        if (spec.maxInstances().isPresent()) {
            target = target.with("maxInstances", spec.maxInstances().getAsInt());
        }
        target = with(target, "description", spec.description());
        target = with(target, "network", spec.network());
        Response uploaded = transport.call("PUT", target, JAR, jar);
        JsonNode body = Wire.parse(uploaded.body(), "function");
        return new DeployResult(body.isMissingNode() ? getFunction(name) : Wire.function(body),
                uploaded.status() == 201);
    }

    /** Creates or updates a function from JSON settings alone, keeping its code ({@code PUT /v1/functions/{name}}). */
    public DeployResult putFunction(String name, FunctionSpec spec) {
        return putJson(name, Encoder.functionBody(spec));
    }

    /** Creates or updates a function, sending the jar base64-encoded inside the JSON body. */
    public DeployResult putFunction(String name, FunctionSpec spec, byte[] jar) {
        return putJson(name, Encoder.functionBody(spec, jar));
    }

    /** The function's {@code $LATEST}. */
    public FunctionInfo getFunction(String name) {
        return Wire.function(json(transport.call("GET", functionTarget(name)), "function"));
    }

    /** The function at {@code qualifier}: {@code $LATEST}, a version number, or an alias (its primary version). */
    public FunctionInfo getFunction(String name, String qualifier) {
        return Wire.function(json(transport.call("GET", functionTarget(name).with("qualifier", qualifier)),
                "function"));
    }

    /** The first page of functions, at most {@code limit} (1-1000). */
    public Page<FunctionInfo> listFunctions(int limit) {
        return functionsPage(limit, Optional.empty());
    }

    /** The page of functions that {@code nextToken} points to. */
    public Page<FunctionInfo> listFunctions(int limit, String nextToken) {
        return functionsPage(limit, Optional.of(nextToken));
    }

    /** Every function, fetching as many pages as it takes. */
    public List<FunctionInfo> listAllFunctions() {
        return all(token -> functionsPage(ALL_PAGE_SIZE, token));
    }

    /** Deletes a function with all its versions and aliases. */
    public void deleteFunction(String name) {
        transport.call("DELETE", functionTarget(name));
    }

    // ---- versions ----

    /** Publishes {@code $LATEST} as a new version, or returns the newest version when nothing changed since. */
    public FunctionInfo publish(String name) {
        return publishJson(name, Wire.object());
    }

    /** Publishes {@code $LATEST} as a new version with a description. */
    public FunctionInfo publish(String name, String description) {
        ObjectNode body = Wire.object();
        body.put("description", description);
        return publishJson(name, body);
    }

    /** The first page of a function's published versions, ascending. */
    public Page<FunctionInfo> listVersions(String name, int limit) {
        return versionsPage(name, limit, Optional.empty());
    }

    /** The page of versions that {@code nextToken} points to. */
    public Page<FunctionInfo> listVersions(String name, int limit, String nextToken) {
        return versionsPage(name, limit, Optional.of(nextToken));
    }

    /** Every published version of a function, ascending. */
    public List<FunctionInfo> listAllVersions(String name) {
        return all(token -> versionsPage(name, ALL_PAGE_SIZE, token));
    }

    /** One version of a function. */
    public FunctionInfo getVersion(String name, String version) {
        return Wire.function(json(transport.call("GET", functionTarget(name, "versions", version)), "version"));
    }

    /** Deletes a published version; refused (409) while an alias routes to it. */
    public void deleteVersion(String name, String version) {
        transport.call("DELETE", functionTarget(name, "versions", version));
    }

    // ---- aliases ----

    /** Points {@code alias} at {@code version}, sending all traffic there. */
    public AliasInfo putAlias(String name, String alias, String version) {
        return putAlias(name, alias, version, Map.of(), "");
    }

    /**
     * Creates or replaces an alias.
     *
     * @param weights     at most one additional version and the share (0..1) of invocations it receives
     * @param description free text, may be empty
     */
    public AliasInfo putAlias(String name, String alias, String version, Map<String, Double> weights,
                              String description) {
        ObjectNode body = Encoder.aliasBody(version, weights, description);
        return Wire.alias(json(transport.call("PUT", functionTarget(name, "aliases", alias), JSON,
                Wire.bytes(body)), "alias"));
    }

    /** One alias. */
    public AliasInfo getAlias(String name, String alias) {
        return Wire.alias(json(transport.call("GET", functionTarget(name, "aliases", alias)), "alias"));
    }

    /** The first page of a function's aliases. */
    public Page<AliasInfo> listAliases(String name, int limit) {
        return aliasesPage(name, limit, Optional.empty());
    }

    /** The page of aliases that {@code nextToken} points to. */
    public Page<AliasInfo> listAliases(String name, int limit, String nextToken) {
        return aliasesPage(name, limit, Optional.of(nextToken));
    }

    /** Every alias of a function. */
    public List<AliasInfo> listAllAliases(String name) {
        return all(token -> aliasesPage(name, ALL_PAGE_SIZE, token));
    }

    /** Deletes an alias. */
    public void deleteAlias(String name, String alias) {
        transport.call("DELETE", functionTarget(name, "aliases", alias));
    }

    // ---- invoke ----

    /** Invokes the function's {@code $LATEST} (the server's default qualifier); see {@link #invoke(String, String, byte[])}. */
    public InvokeResponse invoke(String name, byte[] input) {
        return invoke(functionTarget(name, "invoke"), input);
    }

    /**
     * Invokes a function synchronously with {@code input} (JSON; empty means {@code null}).
     *
     * @param qualifier {@code $LATEST}, a version number or an alias
     * @return the output (2xx) or the function's failure (502 thrown, 504 timed out)
     * @throws KumoApiException for every other status, such as 404 or 429 ({@link KumoApiException#retryAfter()})
     */
    public InvokeResponse invoke(String name, String qualifier, byte[] input) {
        return invoke(functionTarget(name, "invoke").with("qualifier", qualifier), input);
    }

    private InvokeResponse invoke(RequestTarget target, byte[] input) {
        Response response = transport.exchange("POST", target, JSON, input);
        if (!response.ok() && response.status() != 502 && response.status() != 504) {
            throw Wire.apiError(response);
        }
        return new InvokeResponse(response.status(), response.header("Kumo-Activation-Id").orElse(""),
                response.header("Kumo-Version").orElse(""),
                response.header("Kumo-Cold-Start").map("true"::equalsIgnoreCase).orElse(false), response.body());
    }

    /**
     * Invokes a function asynchronously: returns once the server has stored the invocation durably (HTTP 202); the
     * function runs later, with retries. Follow it with {@link #getActivation(String)}.
     *
     * @param qualifier      {@code $LATEST}, a version number or an alias
     * @param input          the event, JSON; empty means {@code null}
     * @param idempotencyKey the same key with the same input within the server's window returns the same activation
     *                       (with {@link AsyncInvokeResponse#replay()}) instead of queuing again; with another input
     *                       it is refused (409 {@code IdempotencyConflict})
     * @param callbackUrl    where the server POSTs the outcome; its host must be allowed by the server
     * @throws KumoApiException when refused, e.g. 404, 413 (over the async payload limit) or 429 (queue full)
     */
    public AsyncInvokeResponse invokeAsync(String name, String qualifier, byte[] input,
                                           Optional<String> idempotencyKey, Optional<String> callbackUrl) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        idempotencyKey.ifPresent(k -> headers.put("Kumo-Idempotency-Key", k));
        callbackUrl.ifPresent(u -> headers.put("Kumo-Callback-Url", u));
        RequestTarget target = functionTarget(name, "invoke").with("qualifier", qualifier).with("mode", "async");
        Response response = transport.exchange("POST", target, JSON, input, headers);
        if (!response.ok()) {
            throw Wire.apiError(response);
        }
        boolean replay = response.header("Kumo-Idempotent-Replay").map("true"::equalsIgnoreCase).orElse(false);
        return EventWire.queued(json(response, "queued invocation"), replay);
    }

    /** Invokes the function's {@code $LATEST} asynchronously, without idempotency key or callback. */
    public AsyncInvokeResponse invokeAsync(String name, byte[] input) {
        return invokeAsync(name, "$LATEST", input, Optional.empty(), Optional.empty());
    }

    // ---- activations ----

    /** A page of activations, newest first. */
    public Page<ActivationInfo> listActivations(ActivationQuery query) {
        RequestTarget target = with(RequestTarget.of("v1", "activations"), "function", query.function());
        target = with(target, "status", query.status().map(ActivationStatus::wireName)).with("limit", query.limit());
        target = with(target, "nextToken", query.nextToken());
        return Wire.page(json(transport.call("GET", target), "activations"), Wire::activation);
    }

    /** One activation record. */
    public ActivationInfo getActivation(String activationId) {
        return Wire.activation(json(transport.call("GET", RequestTarget.of("v1", "activations", activationId)),
                "activation"));
    }

    /** An activation with the calls between functions it made, recursively, oldest first. */
    public ActivationTree activationTree(String activationId) {
        return Wire.tree(json(transport.call("GET", RequestTarget.of("v1", "activations", activationId, "tree")),
                "activation tree"));
    }

    /** The log lines an activation captured. */
    public List<String> logs(String activationId) {
        return Wire.logs(json(transport.call("GET", RequestTarget.of("v1", "activations", activationId, "logs")),
                "logs"));
    }

    // ---- asynchronous invocations and event sources ----

    /** Dead letters of asynchronous invocations. */
    public DeadLetterClient deadLetters() {
        return deadLetters;
    }

    /** Schedules. */
    public ScheduleClient schedules() {
        return schedules;
    }

    /** DAG workflows and their runs. */
    public WorkflowClient workflows() {
        return workflows;
    }

    /** Triggers and publishing to their topics. */
    public TriggerClient triggers() {
        return triggers;
    }

    /** Rules linking triggers to functions. */
    public RuleClient rules() {
        return rules;
    }

    /** HTTP routes (function URLs). */
    public RouteClient routes() {
        return routes;
    }

    /** Namespaces of the OpenWhisk-compatible API and their keys. */
    public NamespaceClient namespaces() {
        return namespaces;
    }

    // ---- operations ----

    /** Whether the server process answers {@code GET /healthz} with 200. */
    public boolean healthz() {
        return transport.exchange("GET", RequestTarget.of("healthz")).ok();
    }

    /** Whether the server is ready to serve ({@code GET /readyz} answers 200 rather than 503). */
    public boolean readyz() {
        return transport.exchange("GET", RequestTarget.of("readyz")).ok();
    }

    /** The server's metrics in Prometheus text format. */
    public String metrics() {
        return new String(transport.call("GET", RequestTarget.of("metrics")).body(), StandardCharsets.UTF_8);
    }

    /** Releases the underlying HTTP client; calls after this fail. */
    @Override
    public void close() {
        transport.close();
    }

    // ---- plumbing ----

    private DeployResult putJson(String name, ObjectNode body) {
        Response response = transport.call("PUT", functionTarget(name), JSON, Wire.bytes(body));
        return new DeployResult(Wire.function(json(response, "function")), response.status() == 201);
    }

    private FunctionInfo publishJson(String name, ObjectNode body) {
        return Wire.function(json(transport.call("POST", functionTarget(name, "versions"), JSON, Wire.bytes(body)),
                "version"));
    }

    private Page<FunctionInfo> functionsPage(int limit, Optional<String> nextToken) {
        RequestTarget target = Paging.page(RequestTarget.of("v1", "functions"), limit, nextToken);
        return Wire.page(json(transport.call("GET", target), "functions"), Wire::function);
    }

    private Page<FunctionInfo> versionsPage(String name, int limit, Optional<String> nextToken) {
        RequestTarget target = Paging.page(functionTarget(name, "versions"), limit, nextToken);
        return Wire.page(json(transport.call("GET", target), "versions"), Wire::function);
    }

    private Page<AliasInfo> aliasesPage(String name, int limit, Optional<String> nextToken) {
        RequestTarget target = Paging.page(functionTarget(name, "aliases"), limit, nextToken);
        return Wire.page(json(transport.call("GET", target), "aliases"), Wire::alias);
    }

    private static <T> List<T> all(Function<Optional<String>, Page<T>> fetch) {
        return Paging.all(fetch);
    }

    private static RequestTarget functionTarget(String name, String... more) {
        Objects.requireNonNull(name, "name");
        List<String> segments = new ArrayList<>(List.of("v1", "functions", name));
        segments.addAll(List.of(more));
        return new RequestTarget(segments, List.of());
    }

    private static RequestTarget with(RequestTarget target, String name, Optional<String> value) {
        return value.map(v -> target.with(name, v)).orElse(target);
    }

    private static JsonNode json(Response response, String what) {
        return Wire.parse(response.body(), what);
    }

    @Override
    public String toString() {
        return "KumoClient[" + baseUrl + "]";
    }
}
