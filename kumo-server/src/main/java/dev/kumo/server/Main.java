package dev.kumo.server;

import dev.kumo.policies.DurationSpec;
import java.nio.file.Path;
import java.util.Optional;
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

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        KumoServer server;
        try {
            server = KumoServer.start(new ServerConfig(host, port, data, noExamples ? Optional.empty() : Optional.ofNullable(examples), keepAlive,
                    memoryBudgetMb, maxInFlight, (long) maxPayloadMb * 1024 * 1024,
                    ServerConfig.defaults().maxCodeBytes(), maxActivations, DurationSpec.parse(activationMaxAge)));
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
        System.out.println("Press Ctrl+C to stop.");
        stopped.await();
        return 0;
    }
}
