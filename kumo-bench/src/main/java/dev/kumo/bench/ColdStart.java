package dev.kumo.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Cold start of an isolated instance: the {@code Hello} example is deployed under a new name
 * ({@code hello-cold-1..N}), so each name's first invocation must create an instance. Measured per name:
 * the client-observed latency of that first invocation and the server's {@code initMs + durationMs} from
 * its activation record; then a second, warm invocation of the same name as the baseline. A few
 * unrecorded rounds first let the JIT compile the deploy and instance-creation paths, since a platform
 * process is long-lived. Goal: median server-side cold start at most 10 ms.
 */
final class ColdStart implements Benchmark {

    static final String NAME = "cold-start";
    private static final String INPUT = "{\"name\":\"bench\"}";

    /** One name's cold and warm invocation, all in milliseconds. */
    private record Round(double coldClientMs, double coldServerMs, double coldInitMs, double coldQueueMs,
                         double warmClientMs, double warmServerMs, boolean reportedCold, boolean warmReportedCold) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "first invoke of a newly deployed isolated hello vs a warm invoke of it";
    }

    @Override
    public BenchOutcome run(BenchContext ctx) {
        BenchOptions o = ctx.options();
        Endpoint kumo = ctx.kumo();
        var api = new KumoApi(kumo.base());
        byte[] jar = ExamplesJar.bytes();
        int n = o.coldStarts();
        int warmups = Math.min(10, Math.max(2, n / 10));
        List<Round> rounds = new ArrayList<>();
        try (var client = RawHttpClient.connect(kumo)) {
            ctx.say(NAME, warmups + " unrecorded warm-up rounds, examples jar " + jar.length + " bytes");
            for (int i = 1; i <= warmups; i++) {
                round(api, client, jar, "hello-cold-warmup-" + i);
            }
            for (int i = 1; i <= n; i++) {
                rounds.add(round(api, client, jar, "hello-cold-" + i));
                if (i % 25 == 0 || i == n) {
                    ctx.say(NAME, i + "/" + n + " cold starts");
                }
            }
        }
        Samples coldClient = Samples.of(rounds.stream().map(Round::coldClientMs).toList());
        Samples coldServer = Samples.of(rounds.stream().map(Round::coldServerMs).toList());
        Samples coldInit = Samples.of(rounds.stream().map(Round::coldInitMs).toList());
        Samples coldQueue = Samples.of(rounds.stream().map(Round::coldQueueMs).toList());
        Samples warmClient = Samples.of(rounds.stream().map(Round::warmClientMs).toList());
        Samples warmServer = Samples.of(rounds.stream().map(Round::warmServerMs).toList());
        ctx.say(NAME, String.format(Locale.ROOT, "median cold: client %.2f ms, server %.2f ms; warm client %.2f ms",
                coldClient.median(), coldServer.median(), warmClient.median()));

        String warm = "warm invoke, same function";
        List<Measurement> m = List.of(
                new Measurement(NAME, "server_init_plus_duration_p50", "ms", coldServer.median(),
                        warmServer.median(), warm, new Goal.KumoAtMost(10)),
                new Measurement(NAME, "server_init_plus_duration_p90", "ms", coldServer.percentile(90),
                        warmServer.percentile(90), warm, new Goal.None()),
                new Measurement(NAME, "server_init_p50", "ms", coldInit.median(), 0, warm, new Goal.None()),
                new Measurement(NAME, "server_queue_p50", "ms", coldQueue.median(), Double.NaN, "none",
                        new Goal.None()),
                new Measurement(NAME, "client_latency_p50", "ms", coldClient.median(), warmClient.median(), warm,
                        new Goal.None()),
                new Measurement(NAME, "client_latency_p90", "ms", coldClient.percentile(90),
                        warmClient.percentile(90), warm, new Goal.None()),
                new Measurement(NAME, "cold_starts", "count", rounds.size(), rounds.size(), warm, new Goal.None()));
        List<String> notes = new ArrayList<>();
        long notCold = rounds.stream().filter(r -> !r.reportedCold()).count();
        long warmCold = rounds.stream().filter(Round::warmReportedCold).count();
        if (notCold > 0 || warmCold > 0) {
            notes.add(notCold + " first invocations did not report Kumo-Cold-Start: true and " + warmCold
                    + " second invocations reported a cold start");
        }
        List<Charts.Bar> bars = new ArrayList<>();
        for (int p : new int[] {50, 90}) {
            bars.add(new Charts.Bar("cold, client-observed", "p" + p, coldClient.percentile(p)));
            bars.add(new Charts.Bar("cold, server initMs+durationMs", "p" + p, coldServer.percentile(p)));
            bars.add(new Charts.Bar("warm, client-observed", "p" + p, warmClient.percentile(p)));
            bars.add(new Charts.Bar("warm, server initMs+durationMs", "p" + p, warmServer.percentile(p)));
        }
        var chart = Charts.bars(o.out().resolve("cold-start.png"),
                "Cold start of isolated hello, " + n + " new functions (lower is better)", "ms", bars);
        return new BenchOutcome(NAME, m, List.of(chart), notes);
    }

    private static Round round(KumoApi api, RawHttpClient client, byte[] jar, String name) {
        api.deploy(name, FunctionSpec.isolated(ExamplesJar.HELLO), jar);
        byte[] request = client.post("/v1/functions/" + name + "/invoke", INPUT);
        long t0 = System.nanoTime();
        var cold = client.exchange(request);
        long t1 = System.nanoTime();
        var warm = client.exchange(request);
        long t2 = System.nanoTime();
        if (cold.status() != 200 || warm.status() != 200) {
            throw new IllegalStateException("invoke " + name + " answered " + cold.status() + "/" + warm.status()
                    + ": " + cold.text());
        }
        JsonNode coldAct = activation(api, cold);
        JsonNode warmAct = activation(api, warm);
        api.delete(name);
        return new Round(ms(t1 - t0), serverMs(coldAct), coldAct.path("initMs").asDouble(),
                coldAct.path("queueMs").asDouble(), ms(t2 - t1),
                serverMs(warmAct), cold.header("Kumo-Cold-Start").orElse("").equals("true"),
                warm.header("Kumo-Cold-Start").orElse("").equals("true"));
    }

    /** The activation of a response, retried briefly in case the record is written after the answer. */
    private static JsonNode activation(KumoApi api, RawHttpClient.Response response) {
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
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double serverMs(JsonNode activation) {
        return activation.path("initMs").asDouble() + activation.path("durationMs").asDouble();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
