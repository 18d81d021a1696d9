package dev.kumo.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Warm invocation latency by tier: the {@code Noop} example deployed three times on one forked server
 * ({@link TierServer}), as {@code noop-isolated} (in the server's JVM, its own class loader), {@code noop-process}
 * (a worker JVM behind the Lambda Runtime API) and {@code noop-sandbox} (the same worker inside bubblewrap and
 * cgroups). Each is warmed, then invoked sequentially over one keep-alive connection, N requests per tier in
 * blocks that alternate the tiers so drift hits all of them, as in {@link WarmLatency}. The baseline is the
 * isolated tier: the ratios are what leaving the server's JVM costs on a warm path. A tier the node cannot
 * offer (no bubblewrap, no cgroups) is reported as a note, not a failure.
 */
final class WarmProcess implements Benchmark {

    static final String NAME = "warm-process";
    private static final List<String> TIERS = List.of("isolated", "process", "sandbox");
    private static final int BLOCKS = 4;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "warm invoke latency of noop in the isolated, process and sandbox tiers, one connection each";
    }

    @Override
    public BenchOutcome run(BenchContext ctx) throws IOException {
        BenchOptions o = ctx.options();
        int n = o.latencyRequests();
        int warmup = Math.max(1_000, n / 4);
        List<String> notes = new ArrayList<>();
        var histograms = new LinkedHashMap<String, Histogram>();
        try (var server = TierServer.start(ctx, NAME)) {
            byte[] examples = ExamplesJar.bytes();
            var clients = new LinkedHashMap<String, RawHttpClient>();
            var requests = new LinkedHashMap<String, byte[]>();
            try {
                for (String tier : TIERS) {
                    String function = "noop-" + tier;
                    try {
                        server.api().deploy(function, FunctionSpec.inTier(ExamplesJar.NOOP, tier), examples);
                    } catch (IllegalStateException e) {
                        notes.add("tier " + tier + " not measured: " + e.getMessage());
                        continue;
                    }
                    Endpoint endpoint = server.invoke(function);
                    var client = RawHttpClient.connect(endpoint);
                    clients.put(tier, client);
                    requests.put(tier, client.post(endpoint.path(), BenchContext.BODY));
                    var first = client.exchange(requests.get(tier));
                    if (first.status() != 200) {
                        notes.add("tier " + tier + " not measured: first invoke answered " + first.status() + ": "
                                + first.text());
                        clients.remove(tier).close();
                        continue;
                    }
                    histograms.put(tier, LatencyReport.newHistogram());
                }
                ctx.say(NAME, "warm-up: " + warmup + " invokes per tier " + clients.keySet());
                for (String tier : clients.keySet()) {
                    time(clients.get(tier), requests.get(tier), warmup, LatencyReport.newHistogram());
                }
                long failures = 0;
                for (int b = 0; b < BLOCKS; b++) {
                    int size = n / BLOCKS + (b < n % BLOCKS ? 1 : 0);
                    ctx.say(NAME, "block " + (b + 1) + "/" + BLOCKS + ": " + size + " invokes per tier");
                    for (String tier : clients.keySet()) {
                        failures += time(clients.get(tier), requests.get(tier), size, histograms.get(tier));
                    }
                }
                if (failures > 0) {
                    notes.add("non-200 answers: " + failures + " (their latencies are included)");
                }
            } finally {
                clients.values().forEach(RawHttpClient::close);
            }
        }
        return outcome(o, n, histograms, notes);
    }

    private static BenchOutcome outcome(BenchOptions o, int n, Map<String, Histogram> histograms,
                                        List<String> notes) {
        Histogram isolated = histograms.get("isolated");
        LatencyReport base = isolated == null ? null : LatencyReport.of(isolated);
        String baseline = "isolated tier (in the server's JVM)";
        List<Measurement> m = new ArrayList<>();
        for (var e : histograms.entrySet()) {
            LatencyReport r = LatencyReport.of(e.getValue());
            String tier = e.getKey();
            // the isolated rows are the baseline itself: reported without a ratio
            LatencyReport b = tier.equals("isolated") ? null : base;
            String name = b == null ? "none" : baseline;
            m.add(new Measurement(NAME, tier + "_p50", "µs", r.p50Us(), b == null ? Double.NaN : b.p50Us(), name,
                    new Goal.None()));
            m.add(new Measurement(NAME, tier + "_p90", "µs", r.p90Us(), b == null ? Double.NaN : b.p90Us(), name,
                    new Goal.None()));
            m.add(new Measurement(NAME, tier + "_p99", "µs", r.p99Us(), b == null ? Double.NaN : b.p99Us(), name,
                    new Goal.None()));
            m.add(new Measurement(NAME, tier + "_mean", "µs", r.meanUs(), b == null ? Double.NaN : b.meanUs(), name,
                    new Goal.None()));
        }
        List<Charts.Bar> bars = new ArrayList<>();
        var series = new LinkedHashMap<String, Histogram>();
        for (var e : histograms.entrySet()) {
            LatencyReport r = LatencyReport.of(e.getValue());
            bars.add(new Charts.Bar(e.getKey(), "p50", r.p50Us()));
            bars.add(new Charts.Bar(e.getKey(), "p99", r.p99Us()));
            series.put(e.getKey() + " tier", e.getValue());
        }
        List<java.nio.file.Path> charts = new ArrayList<>();
        if (!bars.isEmpty()) {
            charts.add(Charts.bars(o.out().resolve("warm-process.png"), String.format(Locale.ROOT,
                    "Warm noop invoke by tier, %,d each, one connection (lower is better)", n), "µs", bars));
            charts.add(Charts.percentileCurves(o.out().resolve("warm-process-percentiles.png"),
                    "Warm noop invoke by tier, latency by percentile", series));
        }
        return new BenchOutcome(NAME, m, charts, notes);
    }

    /** Sends {@code count} requests one after another; returns how many were not answered 200. */
    private static long time(RawHttpClient client, byte[] request, int count, Histogram nanos) {
        long failures = 0;
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            int status = client.exchange(request).status();
            nanos.recordValue(Math.max(1, System.nanoTime() - start));
            if (status != 200) {
                failures++;
            }
        }
        return failures;
    }
}
