package dev.kumo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A forked Kumo server for the benchmarks of the out-of-process tiers ({@code process}, {@code sandbox}): worker
 * JVMs and their pool belong to a server process of their own, not to the benchmark's JVM. Started like
 * {@link Memory}'s server (no examples; functions are deployed from the examples jar), with the admission
 * budget lifted, plus any extra server flags given in the system property {@code kumo.bench.serverArgs}
 * (space-separated, e.g. {@code -Dkumo.bench.serverArgs="--worker-pool 2"} through {@code BENCH_JAVA_OPTS}).
 */
final class TierServer implements AutoCloseable {

    /** The system property with extra server flags. */
    static final String SERVER_ARGS = "kumo.bench.serverArgs";

    private final ForkedServer server;
    private final Path data;
    private final Path log;
    private final KumoApi api;

    private TierServer(ForkedServer server, Path data, Path log) {
        this.server = server;
        this.data = data;
        this.log = log;
        this.api = new KumoApi(server.base());
    }

    /** Forks a server whose output goes to {@code <out>/<benchmark>-server.log} and waits until it is ready. */
    static TierServer start(BenchContext ctx, String benchmark) throws IOException {
        Path data = Files.createTempDirectory("kumo-bench-" + benchmark + "-");
        Path log = ctx.options().out().resolve(benchmark + "-server.log");
        List<String> serverArgs = new ArrayList<>(List.of("--memory-budget-mb",
                Integer.toString(BenchContext.ADMISSION_BUDGET_MB)));
        String extra = System.getProperty(SERVER_ARGS, "").strip();
        if (!extra.isEmpty()) {
            serverArgs.addAll(Arrays.asList(extra.split("\\s+")));
        }
        ctx.say(benchmark, "forking dev.kumo.server.Main " + String.join(" ", serverArgs) + ", log in " + log);
        var server = ForkedServer.start(BenchContext.freePort(), data, log,
                List.of("--enable-native-access=ALL-UNNAMED"), serverArgs);
        var tiers = new TierServer(server, data, log);
        try {
            tiers.api.awaitReady(Duration.ofSeconds(60));
        } catch (IllegalStateException e) {
            tiers.close();
            throw new IllegalStateException((server.alive() ? "" : "server exited; ") + e.getMessage()
                    + "\n--- " + log + " ---\n" + tail(log), e);
        }
        return tiers;
    }

    /** The control-plane client. */
    KumoApi api() {
        return api;
    }

    /** The endpoint that invokes {@code function}. */
    Endpoint invoke(String function) {
        return new Endpoint("kumo (forked)", "127.0.0.1", server.base().getPort(),
                "/v1/functions/" + function + "/invoke");
    }

    /** The last lines of the server's log, for error messages. */
    String logTail() {
        return tail(log);
    }

    @Override
    public void close() {
        server.close();
        BenchContext.deleteTree(data);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
