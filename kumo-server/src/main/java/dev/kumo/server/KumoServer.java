package dev.kumo.server;

import dev.kumo.async.AsyncRuntime;
import dev.kumo.async.InvocationTarget;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.InvocationRequest;
import dev.kumo.core.InvocationResult;
import dev.kumo.process.ProcessTier;
import dev.kumo.process.ProcessTierConfig;
import dev.kumo.runtime.Dispatcher;
import dev.kumo.runtime.RuntimeConfig;
import dev.kumo.server.compat.lambda.LambdaApi;
import dev.kumo.server.compat.openwhisk.Namespaces;
import dev.kumo.server.compat.openwhisk.WhiskApi;
import dev.kumo.server.http.HttpGateway;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Router;
import dev.kumo.server.routes.ActivationRoutes;
import dev.kumo.server.routes.AliasRoutes;
import dev.kumo.server.routes.DeadLetterRoutes;
import dev.kumo.server.routes.Deployer;
import dev.kumo.server.routes.FunctionRoutes;
import dev.kumo.server.routes.HttpRouteRoutes;
import dev.kumo.server.routes.InvokeRoutes;
import dev.kumo.server.routes.NamespaceRoutes;
import dev.kumo.server.routes.OpsRoutes;
import dev.kumo.server.routes.RuleRoutes;
import dev.kumo.server.routes.ScheduleRoutes;
import dev.kumo.server.routes.TriggerRoutes;
import dev.kumo.server.routes.VersionRoutes;
import dev.kumo.server.routes.WorkflowRoutes;
import dev.kumo.server.urls.FunctionUrls;
import dev.kumo.server.urls.RouteTable;
import dev.kumo.spi.keepalive.KeepAlivePolicies;
import dev.kumo.store.EmbeddedStore;
import dev.kumo.store.StoreOptions;
import dev.kumo.workflow.StepInvoker;
import dev.kumo.workflow.WorkflowRuntime;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URI;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One Kumo node in embedded mode: the composition root. {@link #start} opens the store, builds the
 * runtime, the asynchronous runtime and the workflow runtime on top of it, binds the HTTP gateway and deploys the examples;
 * {@link #close} undoes it in reverse.
 */
public final class KumoServer implements AutoCloseable {

    private static final long DEFAULT_BODY_LIMIT = 1024 * 1024;

    private final EmbeddedStore store;
    private final Dispatcher dispatcher;
    private final AsyncRuntime async;
    private final WorkflowRuntime workflows;
    private final HttpGateway gateway;
    private final JvmGcMetrics gcMetrics;
    private final List<String> examples;
    private final List<String> exampleWorkflows;
    private final String host;
    private final Optional<String> openWhiskGuestKey;
    private final ProcessTier processTier;

    private KumoServer(EmbeddedStore store, Dispatcher dispatcher, AsyncRuntime async, WorkflowRuntime workflows,
                       HttpGateway gateway, JvmGcMetrics gcMetrics, List<String> examples,
                       List<String> exampleWorkflows, String host, Optional<String> openWhiskGuestKey,
                       ProcessTier processTier) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.async = async;
        this.workflows = workflows;
        this.gateway = gateway;
        this.gcMetrics = gcMetrics;
        this.examples = examples;
        this.exampleWorkflows = exampleWorkflows;
        this.host = host;
        this.openWhiskGuestKey = openWhiskGuestKey;
        this.processTier = processTier;
    }

    /** Starts a node on the system clock and returns once it serves requests. */
    public static KumoServer start(ServerConfig config) {
        return start(config, InstantSource.system());
    }

    /**
     * Starts a node whose runtime, policies and store take time from {@code clock} (deadlines are still
     * enforced on the monotonic clock); tests pass a manual clock to drive keep-alive on virtual time.
     */
    public static KumoServer start(ServerConfig config, InstantSource clock) {
        var keepAlive = KeepAlivePolicies.create(config.keepAlive());
        var store = EmbeddedStore.open(config.dataDir(), new StoreOptions(config.maxActivations(),
                config.activationMaxAge(), clock));
        Dispatcher dispatcher = null;
        AsyncRuntime async = null;
        WorkflowRuntime workflows = null;
        JvmGcMetrics gc = new JvmGcMetrics();
        ProcessTier processTier = null;
        try {
            var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new JvmMemoryMetrics().bindTo(metrics);
            new JvmThreadMetrics().bindTo(metrics);
            new ProcessorMetrics().bindTo(metrics);
            gc.bindTo(metrics);
            FunctionCounter.builder("kumo.activations.dropped", store, EmbeddedStore::droppedActivationWrites)
                    .description("activation records dropped because the background writer fell behind")
                    .register(metrics);
            var runtimeConfig = RuntimeConfig.defaults()
                    .withMemoryBudgetMb(config.memoryBudgetMb())
                    .withMaxInFlight(config.maxInFlight())
                    .withCallBounds(config.maxCallDepth(), config.maxFanOut());
            processTier = processTier(config, runtimeConfig, clock);
            dispatcher = Dispatcher.create(runtimeConfig, store, keepAlive, clock, metrics, processTier.executors());
            async = AsyncRuntime.start(config.async(), store, target(dispatcher), clock, metrics);
            workflows = WorkflowRuntime.start(store.workflows(), steps(dispatcher), clock);
            var json = new JsonCodec();
            var router = new Router(json);
            var deployer = new Deployer(store, clock, dispatcher::draftReplaced, processTier::unavailable);
            var ready = new java.util.concurrent.atomic.AtomicBoolean();
            var routeTable = RouteTable.of(store.routes());
            long asyncLimit = config.maxAsyncPayloadBytes();
            new InvokeRoutes(dispatcher, async, json, clock, asyncLimit).register(router);
            new FunctionRoutes(store, deployer, json, dispatcher::retire).register(router);
            new VersionRoutes(store, json, clock).register(router);
            new AliasRoutes(store, json, clock).register(router);
            new ActivationRoutes(store.activations(), json).register(router);
            new DeadLetterRoutes(async, json).register(router);
            new ScheduleRoutes(store, async, json, clock).register(router);
            new TriggerRoutes(store, async, json, clock, asyncLimit).register(router);
            new RuleRoutes(store, async, json, clock).register(router);
            new HttpRouteRoutes(store, routeTable, dispatcher::resolve, json, clock).register(router);
            new WorkflowRoutes(workflows, json).register(router);
            new OpsRoutes(metrics, ready::get).register(router);
            var lambda = new LambdaApi(store, deployer, dispatcher, async, json, clock, new LambdaApi.Limits(
                    config.maxSyncPayloadBytes(), asyncLimit, config.maxCodeBytes()));
            lambda.register(router);
            var namespaces = new Namespaces(store.namespaces(), clock);
            var guestKey = namespaces.bootstrapGuest(config.openWhisk().guestKey());
            new WhiskApi(store, deployer, dispatcher, async, json.mapper(), clock, namespaces,
                    config.openWhisk().allowRemote(), dispatcher::retire, config.openWhisk().blockingWait())
                    .register(router);
            new NamespaceRoutes(namespaces, json).register(router);
            router.prefix(config.routesPrefix(),
                    new FunctionUrls(config.routesPrefix(), routeTable, dispatcher, json, clock)::serve);
            long codeJsonLimit = config.maxCodeBytes() / 3 * 4 + 64 * 1024;
            var gateway = HttpGateway.start(config.host(), config.port(), router,
                    request -> LambdaApi.owns(request.uri()) ? lambda.bodyLimit(request)
                            : bodyLimit(request, config, codeJsonLimit),
                    (request, limit) -> LambdaApi.owns(request.uri()) ? lambda.tooLarge(limit)
                            : HttpGateway.tooLarge(limit),
                    Math.max(Math.max(Math.max(codeJsonLimit, config.maxSyncPayloadBytes()), asyncLimit),
                            LambdaApi.MAX_CODE_REQUEST_BYTES));
            List<String> examples = config.examplesJar().map(jar -> ExampleDeployer.deploy(jar, deployer))
                    .orElse(List.of());
            var wf = workflows;
            List<String> exampleWorkflows = config.examplesJar()
                    .map(jar -> ExampleDeployer.deployWorkflows(jar, wf)).orElse(List.of());
            ready.set(true);
            return new KumoServer(store, dispatcher, async, workflows, gateway, gc, examples, exampleWorkflows,
                    config.host(), guestKey, processTier);
        } catch (RuntimeException e) {
            if (workflows != null) {
                workflows.close();
            }
            if (async != null) {
                async.close();
            }
            if (dispatcher != null) {
                dispatcher.close();
            }
            if (processTier != null) {
                processTier.close();
            }
            gc.close();
            store.close();
            throw e;
        }
    }

    /** The process and sandbox tiers as configured: their executors, or both off. */
    private static ProcessTier processTier(ServerConfig config, RuntimeConfig runtime, InstantSource clock) {
        ProcessSettings settings = config.process();
        if (!settings.enabled()) {
            return ProcessTier.off("switched off (--process-tier off)");
        }
        var tierConfig = ProcessTierConfig.defaults(config.dataDir().resolve("workers"))
                .withRegion(settings.region())
                .withPool(settings.workerPool(), Math.min(1024, config.memoryBudgetMb() / 4))
                .withLogLimits(runtime.maxLogLines(), runtime.maxLogBytes());
        return ProcessTier.start(settings.workerHome().map(tierConfig::withWorkerHome).orElse(tierConfig), clock);
    }

    /** Whether the process and sandbox tiers run on this node, one line each, for the startup banner. */
    public List<String> tierStatus() {
        return processTier.describe();
    }

    /** Asynchronous attempts run through the dispatcher, like synchronous invocations. */
    private static InvocationTarget target(Dispatcher dispatcher) {
        return new InvocationTarget() {
            @Override
            public FunctionVersion resolve(String function, String qualifier) {
                return dispatcher.resolve(function, qualifier);
            }

            @Override
            public InvocationResult invoke(InvocationRequest request, Consumer<InvocationResult> early) {
                return dispatcher.invoke(request, early);
            }
        };
    }

    /** Workflow steps run through the dispatcher, like synchronous invocations. */
    private static StepInvoker steps(Dispatcher dispatcher) {
        return new StepInvoker() {
            @Override
            public InvocationResult invoke(InvocationRequest request) {
                return dispatcher.invoke(request);
            }

            @Override
            public FunctionVersion resolve(String function, String qualifier) {
                return dispatcher.resolve(function, qualifier);
            }
        };
    }

    private static long bodyLimit(HttpRequest request, ServerConfig config, long codeJsonLimit) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String prefix = config.routesPrefix();
        if (path.equals(prefix) || path.startsWith(prefix + "/")) {
            return config.maxSyncPayloadBytes();
        }
        if (path.endsWith("/invoke")) {
            Optional<String> mode;
            try {
                mode = new QueryStringDecoder(uri).parameters().getOrDefault("mode", List.of()).stream().findFirst();
            } catch (IllegalArgumentException e) {
                mode = Optional.empty(); // the router answers the malformed URI
            }
            boolean async = InvokeRoutes.asyncRequested(mode,
                    Optional.ofNullable(request.headers().get(InvokeRoutes.INVOCATION_TYPE)));
            return async ? config.maxAsyncPayloadBytes() : config.maxSyncPayloadBytes();
        }
        if (path.startsWith("/v1/topics/")) {
            return config.maxAsyncPayloadBytes();
        }
        if (path.startsWith(WhiskApi.BASE + "/")) {
            if (request.method().equals(HttpMethod.PUT) && path.contains("/actions/")) {
                return codeJsonLimit;
            }
            if (request.method().equals(HttpMethod.POST)) {
                return uri.contains("blocking=true") ? config.maxSyncPayloadBytes() : config.maxAsyncPayloadBytes();
            }
        }
        if (request.method().equals(HttpMethod.PUT) && path.startsWith("/v1/functions/")) {
            return path.endsWith("/code") ? config.maxCodeBytes() : codeJsonLimit;
        }
        return DEFAULT_BODY_LIMIT;
    }

    /** The port the gateway listens on. */
    public int port() {
        return gateway.port();
    }

    /** The base URL of the REST API. */
    public URI uri() {
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /**
     * The {@code uuid:key} of the OpenWhisk {@code guest} namespace when it is known: the configured or
     * well-known one, not a key rotated since and kept in the store.
     */
    public Optional<String> openWhiskGuestKey() {
        return openWhiskGuestKey;
    }

    /** Names of the example functions deployed at start. */
    public List<String> examples() {
        return examples;
    }

    /** Names of the example workflows deployed at start. */
    public List<String> exampleWorkflows() {
        return exampleWorkflows;
    }

    /**
     * Stops serving, then stops the workflow runtime (unfinished runs stay stored), the asynchronous runtime
     * and the runtime, and closes the store.
     */
    @Override
    public void close() {
        gateway.close();
        workflows.close();
        async.close();
        dispatcher.close();
        processTier.close();
        gcMetrics.close();
        store.close();
    }
}
