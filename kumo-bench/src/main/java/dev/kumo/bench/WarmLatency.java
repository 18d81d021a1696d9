package dev.kumo.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Warm latency: sequential POSTs over one keep-alive connection per server, timed one by one into an
 * HdrHistogram. The measured requests alternate between Kumo and the raw server in blocks, so drift on a
 * small machine (JIT, other load) hits both. Goal: Kumo p50 at most 2x raw.
 */
final class WarmLatency implements Benchmark {

    static final String NAME = "warm-latency";
    private static final int BLOCKS = 4;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "sequential requests on one keep-alive connection: noop invoke vs raw Netty";
    }

    @Override
    public BenchOutcome run(BenchContext ctx) {
        BenchOptions o = ctx.options();
        Endpoint raw = ctx.raw();
        Endpoint kumo = ctx.kumo();
        int n = o.latencyRequests();
        int warmup = Math.max(1_000, n / 4);
        Histogram rawNanos = LatencyReport.newHistogram();
        Histogram kumoNanos = LatencyReport.newHistogram();
        long[] failures = new long[2];
        try (var rawClient = RawHttpClient.connect(raw); var kumoClient = RawHttpClient.connect(kumo)) {
            byte[] rawRequest = rawClient.post(raw.path(), BenchContext.BODY);
            byte[] kumoRequest = kumoClient.post(kumo.path(), BenchContext.BODY);
            ctx.say(NAME, "warm-up: " + warmup + " requests each");
            time(rawClient, rawRequest, warmup, LatencyReport.newHistogram());
            time(kumoClient, kumoRequest, warmup, LatencyReport.newHistogram());
            for (int b = 0; b < BLOCKS; b++) {
                int size = n / BLOCKS + (b < n % BLOCKS ? 1 : 0);
                ctx.say(NAME, "block " + (b + 1) + "/" + BLOCKS + ": " + size + " requests each");
                failures[1] += time(rawClient, rawRequest, size, rawNanos);
                failures[0] += time(kumoClient, kumoRequest, size, kumoNanos);
            }
        }
        LatencyReport k = LatencyReport.of(kumoNanos);
        LatencyReport r = LatencyReport.of(rawNanos);
        ctx.say(NAME, String.format(Locale.ROOT, "p50 kumo %.1f µs, raw %.1f µs", k.p50Us(), r.p50Us()));
        String base = raw.label();
        List<Measurement> m = List.of(
                new Measurement(NAME, "p50", "µs", k.p50Us(), r.p50Us(), base, new Goal.RatioAtMost(2.0)),
                new Measurement(NAME, "p90", "µs", k.p90Us(), r.p90Us(), base, new Goal.None()),
                new Measurement(NAME, "p99", "µs", k.p99Us(), r.p99Us(), base, new Goal.None()),
                new Measurement(NAME, "p99.9", "µs", k.p999Us(), r.p999Us(), base, new Goal.None()),
                new Measurement(NAME, "mean", "µs", k.meanUs(), r.meanUs(), base, new Goal.None()),
                new Measurement(NAME, "max", "µs", k.maxUs(), r.maxUs(), base, new Goal.None()),
                new Measurement(NAME, "requests", "count", k.count(), r.count(), base, new Goal.None()));
        List<String> notes = new ArrayList<>();
        if (failures[0] + failures[1] > 0) {
            notes.add("non-200 answers: kumo " + failures[0] + ", " + base + " " + failures[1]
                    + " (their latencies are included)");
        }
        var histograms = new LinkedHashMap<String, Histogram>();
        histograms.put("kumo noop invoke", kumoNanos);
        histograms.put(base, rawNanos);
        var curve = Charts.percentileCurves(o.out().resolve("warm-latency-percentiles.png"),
                "Warm latency, one keep-alive connection, " + n + " requests", histograms);
        List<Charts.Bar> bars = new ArrayList<>();
        for (Measurement x : m.subList(0, 4)) {
            bars.add(new Charts.Bar("kumo noop invoke", x.metric(), x.kumo()));
            bars.add(new Charts.Bar(base, x.metric(), x.baseline()));
        }
        var barChart = Charts.bars(o.out().resolve("warm-latency.png"),
                "Warm latency percentiles (lower is better)", "µs", bars);
        return new BenchOutcome(NAME, m, List.of(barChart, curve), notes);
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
