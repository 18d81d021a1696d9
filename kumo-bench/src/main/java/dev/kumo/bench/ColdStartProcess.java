package dev.kumo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Cold start of the {@code process} tier against starting a JVM at all. Baseline: {@code java -jar hello.jar}
 * of a generated hello-world jar ({@link HelloJar}) with the benchmark's JDK, timed from process start to exit.
 * Kumo: a forked server ({@link TierServer}) with the {@code Hello} example deployed in tier {@code process}
 * under a new name per round ({@code hello-proc-1..N}), so each round's first invocation must start (or
 * specialize) a worker JVM; timed client-side, plus the server's {@code initMs + durationMs}, then the second
 * invocation of the same function (warm, but the worker's code paths have run only once). Rounds are {@value #PAUSE_MS} ms apart so that a pre-started generic worker
 * pool can refill between them: the number is the cold start a function sees when the pool has a worker ready,
 * which is what the pool is for. The ratio cold start / {@code java -jar} says what the pool and the AOT cache
 * buy over a plain JVM start.
 */
final class ColdStartProcess implements Benchmark {

    static final String NAME = "cold-start-process";
    /** At most this many rounds, whatever {@code --cold-starts} says: each costs a worker JVM. */
    static final int MAX_ROUNDS = 50;
    static final long PAUSE_MS = 500;
    private static final String INPUT = "{\"name\":\"bench\"}";

    /** One round: a cold then a warm invocation of a new process-tier function, in milliseconds. */
    private record Round(double coldClientMs, double coldServerMs, double coldInitMs, double warmClientMs,
                         boolean reportedCold) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "first invoke of a new process-tier hello (worker JVM) vs java -jar of a hello-world jar";
    }

    @Override
    public BenchOutcome run(BenchContext ctx) throws IOException, InterruptedException {
        BenchOptions o = ctx.options();
        int n = Math.min(o.coldStarts(), MAX_ROUNDS);
        int warmups = Math.min(5, Math.max(2, n / 10));
        Path dir = Files.createTempDirectory("kumo-bench-hello-");
        List<Double> javaJar = new ArrayList<>();
        try {
            Path jar = HelloJar.write(dir);
            ctx.say(NAME, "java -jar " + jar + ": " + warmups + " unrecorded, then " + n + " runs");
            for (int i = 0; i < warmups; i++) {
                HelloJar.runOnce(jar);
            }
            for (int i = 0; i < n; i++) {
                javaJar.add(HelloJar.runOnce(jar) / 1e6);
            }
        } finally {
            BenchContext.deleteTree(dir);
        }

        List<Round> rounds = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        byte[] examples = ExamplesJar.bytes();
        try (var server = TierServer.start(ctx, NAME)) {
            ctx.say(NAME, warmups + " unrecorded process cold starts, then " + n + ", " + PAUSE_MS + " ms apart");
            for (int i = 1; i <= warmups + n; i++) {
                Round r = round(server, examples, (i <= warmups ? "hello-proc-warmup-" : "hello-proc-") + i);
                if (i > warmups) {
                    rounds.add(r);
                }
                if (i > warmups && ((i - warmups) % 10 == 0 || i == warmups + n)) {
                    ctx.say(NAME, (i - warmups) + "/" + n + " cold starts");
                }
                Thread.sleep(PAUSE_MS);
            }
        } catch (IllegalStateException | UncheckedIOException e) {
            // keep the java -jar numbers: the run still counts as failed through the note
            ctx.say(NAME, "process tier failed: " + e.getMessage());
            notes.add("FAILED: process tier: " + e.getMessage());
            rounds.clear();
        }

        Samples jarMs = Samples.of(javaJar);
        Samples coldClient = Samples.of(rounds.stream().map(Round::coldClientMs).toList());
        Samples coldServer = Samples.of(rounds.stream().map(Round::coldServerMs).toList());
        Samples coldInit = Samples.of(rounds.stream().map(Round::coldInitMs).toList());
        Samples warmClient = Samples.of(rounds.stream().map(Round::warmClientMs).toList());
        ctx.say(NAME, String.format(Locale.ROOT, "median: process cold start %.1f ms (server %.1f ms), "
                + "java -jar %.1f ms, second invoke %.2f ms", coldClient.median(), coldServer.median(), jarMs.median(),
                warmClient.median()));

        String baseline = "java -jar hello.jar, same JDK";
        List<Measurement> m = List.of(
                new Measurement(NAME, "cold_client_p50", "ms", coldClient.median(), jarMs.median(), baseline,
                        new Goal.None()),
                new Measurement(NAME, "cold_client_p90", "ms", coldClient.percentile(90), jarMs.percentile(90),
                        baseline, new Goal.None()),
                new Measurement(NAME, "cold_server_init_plus_duration_p50", "ms", coldServer.median(),
                        jarMs.median(), baseline, new Goal.None()),
                new Measurement(NAME, "cold_server_init_p50", "ms", coldInit.median(), jarMs.median(), baseline,
                        new Goal.None()),
                new Measurement(NAME, "second_invoke_client_p50", "ms", warmClient.median(), coldClient.median(),
                        "its first (cold) invoke", new Goal.None()),
                new Measurement(NAME, "cold_starts", "count", rounds.size(), javaJar.size(), baseline,
                        new Goal.None()));
        long notCold = rounds.stream().filter(r -> !r.reportedCold()).count();
        if (notCold > 0) {
            notes.add(notCold + " first invocations did not report Kumo-Cold-Start: true");
        }
        if (o.coldStarts() > MAX_ROUNDS) {
            notes.add("rounds capped at " + MAX_ROUNDS + " (--cold-starts " + o.coldStarts() + ")");
        }
        List<Charts.Bar> bars = new ArrayList<>();
        for (int p : new int[] {50, 90}) {
            bars.add(new Charts.Bar("java -jar hello.jar", "p" + p, jarMs.percentile(p)));
            bars.add(new Charts.Bar("process cold, client-observed", "p" + p, coldClient.percentile(p)));
            bars.add(new Charts.Bar("process cold, server initMs+durationMs", "p" + p, coldServer.percentile(p)));
            bars.add(new Charts.Bar("process second invoke, client-observed", "p" + p, warmClient.percentile(p)));
        }
        var chart = Charts.bars(o.out().resolve("cold-start-process.png"),
                "Process-tier cold start vs java -jar, " + n + " each (lower is better)", "ms", bars);
        return new BenchOutcome(NAME, m, List.of(chart), notes);
    }

    private static Round round(TierServer server, byte[] examples, String name) throws InterruptedException {
        var api = server.api();
        api.deploy(name, FunctionSpec.inTier(ExamplesJar.HELLO, "process"), examples);
        Endpoint endpoint = server.invoke(name);
        try (var client = RawHttpClient.connect(endpoint)) {
            byte[] request = client.post(endpoint.path(), INPUT);
            long t0 = System.nanoTime();
            var cold = client.exchange(request);
            long t1 = System.nanoTime();
            var warm = client.exchange(request);
            long t2 = System.nanoTime();
            if (cold.status() != 200 || warm.status() != 200) {
                throw new IllegalStateException("invoke " + name + " answered " + cold.status() + "/"
                        + warm.status() + ": " + cold.text() + "\n--- server log ---\n" + server.logTail());
            }
            JsonNode coldAct = activation(api, cold);
            api.delete(name);
            return new Round(ms(t1 - t0), coldAct.path("initMs").asDouble() + coldAct.path("durationMs").asDouble(),
                    coldAct.path("initMs").asDouble(), ms(t2 - t1),
                    cold.header("Kumo-Cold-Start").orElse("").equals("true"));
        }
    }

    /** The activation of a response, retried briefly in case the record is written after the answer. */
    private static JsonNode activation(KumoApi api, RawHttpClient.Response response) throws InterruptedException {
        String id = response.header("Kumo-Activation-Id")
                .orElseThrow(() -> new IllegalStateException("no Kumo-Activation-Id header"));
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (true) {
            try {
                return api.activation(id);
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(5);
            }
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
