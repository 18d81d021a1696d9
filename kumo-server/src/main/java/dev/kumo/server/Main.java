package dev.kumo.server;

import dev.kumo.async.AsyncSettings;
import dev.kumo.policies.DurationSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./kumo up}: runs one node in the foreground until interrupted. */
@Command(name = "kumo up", mixinStandardHelpOptions = true,
        description = "Runs Kumo in embedded mode (one JVM, store in the data directory).")
public final class Main implements Callable<Integer> {

    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port = 8080;

    @Option(names = "--data", description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path data = Path.of(".kumo");

    @Option(names = "--examples", description = "Jar of example functions to deploy at start.")
    Path examples;

    @Option(names = "--no-examples", description = "Deploy no examples, even when --examples is given.")
    boolean noExamples;

    @Option(names = "--keep-alive",
            description = "Keep-alive policy: fixed:DURATION or hybrid-histogram[:PARAMS] (default: ${DEFAULT-VALUE}).")
    String keepAlive = "fixed:10m";

    @Option(names = "--memory-budget-mb", description = "Node memory budget for instances (default: ${DEFAULT-VALUE}).")
    int memoryBudgetMb = 4096;

    @Option(names = "--max-inflight", description = "Node-wide concurrent invocations (default: ${DEFAULT-VALUE}).")
    int maxInFlight = 256;

    @Option(names = "--max-payload-mb", description = "Largest synchronous invoke body in MB (default: ${DEFAULT-VALUE}).")
    int maxPayloadMb = 6;

    @Option(names = "--max-activations", description = "Activation records kept (default: ${DEFAULT-VALUE}).")
    int maxActivations = 10_000;

    @Option(names = "--activation-max-age", description = "Age after which activation records go, e.g. 7d, 12h (default: ${DEFAULT-VALUE}).")
    String activationMaxAge = "7d";

    @Option(names = "--max-async-payload-kb", description = "Largest asynchronous invoke or topic event body in KiB (default: ${DEFAULT-VALUE}).")
    int maxAsyncPayloadKb = 1024;

    @Option(names = "--max-queue-depth", description = "Most asynchronous invocations of one function queued or running (default: ${DEFAULT-VALUE}).")
    int maxQueueDepth = 100_000;

    @Option(names = "--max-queued-mb", description = "Most payload MiB of all asynchronous invocations queued or running on this node (default: ${DEFAULT-VALUE}).")
    int maxQueuedMb = 512;

    @Option(names = "--idempotency-window", description = "How long an idempotency key maps to its invocation, e.g. 24h (default: ${DEFAULT-VALUE}).")
    String idempotencyWindow = "24h";

    @Option(names = "--callback-hosts", split = ",", defaultValue = "localhost,127.0.0.1,::1",
            description = "Hosts a Kumo-Callback-Url may name, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> callbackHosts;

    @Option(names = "--retry-base", description = "Backoff before the first retry of a failed asynchronous invocation; doubles per retry (default: ${DEFAULT-VALUE}).")
    String retryBase = "1s";

    @Option(names = "--routes-prefix", description = "Path under which HTTP routes (function URLs) are served (default: ${DEFAULT-VALUE}).")
    String routesPrefix = ServerConfig.DEFAULT_ROUTES_PREFIX;

    @Option(names = "--max-call-depth", description = "Deepest chain of calls between functions (ctx.invoke) (default: ${DEFAULT-VALUE}).")
    int maxCallDepth = ServerConfig.defaults().maxCallDepth();

    @Option(names = "--max-fan-out", description = "Most calls one activation may have running at once (default: ${DEFAULT-VALUE}).")
    int maxFanOut = ServerConfig.defaults().maxFanOut();

    @Option(names = "--openwhisk-guest-key", description = "uuid:key of the OpenWhisk guest namespace (default: the "
            + "stored one, else OpenWhisk's well-known guest key).")
    String openWhiskGuestKey;

    @Option(names = "--openwhisk-allow-remote", description = "Let non-loopback clients use the OpenWhisk API "
            + "(/api/v1); by default they get a 403.")
    boolean openWhiskAllowRemote;

    @Option(names = "--process-tier", description = "on: run process and sandbox tier functions as worker "
            + "processes; off: refuse them at deploy (default: ${DEFAULT-VALUE}).")
    String processTier = "on";

    @Option(names = "--worker-pool", description = "Most pre-started generic worker JVMs per memory size, for fast "
            + "Java cold starts in the process tier; 0 turns the pool off (default: ${DEFAULT-VALUE}).")
    int workerPool = ProcessSettings.defaults().workerPool();

    @Option(names = "--worker-home", description = "The Java worker's home (lib/ and kumo-worker.aot, built into "
            + "kumo-process/target/worker); default: found next to Kumo's jars.")
    Path workerHome;

    @Option(names = "--region", description = "AWS_REGION of worker processes and the region in their function "
            + "ARNs (default: ${DEFAULT-VALUE}).")
    String region = ProcessSettings.defaults().region();

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /** The configuration the options describe; IllegalArgumentException for an invalid one. */
    ServerConfig config() {
        if (maxAsyncPayloadKb < 1) {
            throw new IllegalArgumentException("--max-async-payload-kb must be at least 1, got " + maxAsyncPayloadKb);
        }
        if (maxCallDepth < 1 || maxFanOut < 1) {
            throw new IllegalArgumentException("--max-call-depth and --max-fan-out must be at least 1");
        }
        if (maxQueuedMb < 1) {
            throw new IllegalArgumentException("--max-queued-mb must be at least 1, got " + maxQueuedMb);
        }
        var defaults = AsyncSettings.defaults();
        Duration base = DurationSpec.parse(retryBase);
        var hosts = callbackHosts.stream().map(String::strip).filter(h -> !h.isEmpty()).collect(Collectors.toSet());
        var async = new AsyncSettings(maxQueueDepth, (long) maxQueuedMb * 1024 * 1024,
                DurationSpec.parse(idempotencyWindow), hosts, base,
                base.compareTo(defaults.retryMax()) > 0 ? base : defaults.retryMax(), defaults.callbackAttempts());
        return new ServerConfig(host, port, data, noExamples ? Optional.empty() : Optional.ofNullable(examples),
                keepAlive, memoryBudgetMb, maxInFlight, (long) maxPayloadMb * 1024 * 1024,
                ServerConfig.defaults().maxCodeBytes(), maxActivations, DurationSpec.parse(activationMaxAge), async,
                (long) maxAsyncPayloadKb * 1024, routesPrefix, maxCallDepth, maxFanOut,
                new OpenWhiskSettings(Optional.ofNullable(openWhiskGuestKey), openWhiskAllowRemote),
                processSettings());
    }

    private ProcessSettings processSettings() {
        boolean enabled = switch (processTier) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--process-tier must be on or off, got '" + processTier + "'");
        };
        return new ProcessSettings(enabled, workerPool, Optional.ofNullable(workerHome), region);
    }

    @Override
    public Integer call() throws InterruptedException {
        KumoServer server;
        try {
            server = KumoServer.start(config());
        } catch (RuntimeException e) {
            System.err.println("kumo: cannot start: " + e.getMessage());
            return 1;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "kumo-shutdown"));
        var url = server.uri();
        System.out.println("Kumo is up at " + url + " (data: " + data.toAbsolutePath().normalize() + ")");
        if (!server.examples().isEmpty()) {
            System.out.println("Deployed examples: " + String.join(", ", server.examples()));
            System.out.println("Try:  curl -s -X POST '" + url + "/v1/functions/hello/invoke' -d '{\"name\":\"Ada\"}'");
            System.out.println(" or:  ./kumo invoke hello --data '{\"name\":\"Ada\"}'");
        }
        if (server.exampleWorkflows().contains("fanout-sum")) {
            System.out.println("Deployed workflows: " + String.join(", ", server.exampleWorkflows()));
            System.out.println("Try:  ./kumo workflow run fanout-sum --input '{\"n\":100}'");
        }
        System.out.println("OpenWhisk API: " + url + "/api/v1 (namespace guest" + server.openWhiskGuestKey()
                .map(key -> ", auth " + key).orElse("; its key was changed with kumo namespace key guest") + ")");
        server.tierStatus().forEach(System.out::println);
        System.out.println("Press Ctrl+C to stop.");
        stopped.await();
        return 0;
    }
}
