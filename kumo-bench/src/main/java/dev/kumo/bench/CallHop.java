package dev.kumo.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Latency of one call between functions in the node ({@code ctx.invoke}), against a direct Java call and
 * an HTTP invoke through the gateway, in the same run. The {@code HopTimer} example, deployed as
 * {@code hop-timer}, calls the warm shared-tier {@code noop} N times in a row and times each call inside
 * the function; then it times as many direct calls of the {@code Noop} handler in the same place. The
 * HTTP baseline is sequential {@code noop} invokes from this JVM over one keep-alive connection, as in
 * {@link WarmLatency}. Hop and HTTP blocks alternate so drift hits both. Goal: hop p50 at most 20 µs.
 */
final class CallHop implements Benchmark {

    static final String NAME = "call-hop";
    static final String FUNCTION = "hop-timer";
    private static final String HANDLER = "dev.kumo.examples.HopTimer";
    private static final String TARGET = "noop";
    private static final int BLOCKS = 4;
    /** Most calls HopTimer makes per invocation ({@code HopTimer.MAX_CALLS}); larger counts are split. */
    private static final int MAX_CALLS_PER_INVOCATION = 100_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "in-node ctx.invoke of noop vs a direct Java call vs an HTTP invoke of noop";
    }

    @Override
    public BenchOutcome run(BenchContext ctx) {
        BenchOptions o = ctx.options();
        Endpoint kumo = ctx.kumo();
        var api = new KumoApi(kumo.base());
        api.deploy(FUNCTION, FunctionSpec.sharedSingleInstance(HANDLER, 1), ExamplesJar.bytes(), 120_000);
        int n = o.latencyRequests();
        int warmup = Math.max(1_000, n / 4);
        Histogram hop = LatencyReport.newHistogram();
        Histogram direct = LatencyReport.newHistogram();
        Histogram http = LatencyReport.newHistogram();
        long clockNanos = Long.MAX_VALUE;
        long httpFailures = 0;
        try (var client = RawHttpClient.connect(kumo)) {
            byte[] noop = client.post(kumo.path(), BenchContext.BODY);
            ctx.say(NAME, "warm-up: " + n + " hops, " + warmup + " HTTP invokes");
            timeHops(client, n, LatencyReport.newHistogram(), LatencyReport.newHistogram());
            timeHttp(client, noop, warmup, LatencyReport.newHistogram());
            for (int b = 0; b < BLOCKS; b++) {
                int size = n / BLOCKS + (b < n % BLOCKS ? 1 : 0);
                ctx.say(NAME, "block " + (b + 1) + "/" + BLOCKS + ": " + size + " hops and direct calls, "
                        + size + " HTTP invokes");
                clockNanos = Math.min(clockNanos, timeHops(client, size, hop, direct));
                httpFailures += timeHttp(client, noop, size, http);
            }
        }
        api.delete(FUNCTION);
        LatencyReport h = LatencyReport.of(hop);
        LatencyReport d = LatencyReport.of(direct);
        LatencyReport w = LatencyReport.of(http);
        ctx.say(NAME, String.format(Locale.ROOT, "p50 hop %.2f µs, direct %.3f µs, HTTP %.1f µs", h.p50Us(),
                d.p50Us(), w.p50Us()));

        String httpName = "HTTP invoke of noop, one connection";
        String directName = "direct Java call of the Noop handler";
        List<Measurement> m = List.of(
                new Measurement(NAME, "hop_p50", "µs", h.p50Us(), w.p50Us(), httpName, new Goal.KumoAtMost(20)),
                new Measurement(NAME, "hop_p90", "µs", h.p90Us(), w.p90Us(), httpName, new Goal.None()),
                new Measurement(NAME, "hop_p99", "µs", h.p99Us(), w.p99Us(), httpName, new Goal.None()),
                new Measurement(NAME, "hop_mean", "µs", h.meanUs(), w.meanUs(), httpName, new Goal.None()),
                new Measurement(NAME, "hop_p50_vs_direct", "µs", h.p50Us(), d.p50Us(), directName, new Goal.None()),
                new Measurement(NAME, "hop_p99_vs_direct", "µs", h.p99Us(), d.p99Us(), directName, new Goal.None()),
                new Measurement(NAME, "calls", "count", h.count(), w.count(), httpName, new Goal.None()));
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "hops and direct calls are timed inside hop-timer with "
                + "System.nanoTime(); two back-to-back clock reads take %d ns there (the floor of the direct "
                + "call's numbers)", clockNanos));
        if (httpFailures > 0) {
            notes.add("non-200 answers to the HTTP invokes: " + httpFailures + " (their latencies are included)");
        }
        var series = new LinkedHashMap<String, Histogram>();
        series.put("ctx.invoke hop", hop);
        series.put("HTTP invoke", http);
        series.put("direct Java call", direct);
        List<Charts.Bar> bars = new ArrayList<>();
        for (var e : series.entrySet()) {
            LatencyReport r = LatencyReport.of(e.getValue());
            bars.add(new Charts.Bar(e.getKey(), "p50", r.p50Us()));
            bars.add(new Charts.Bar(e.getKey(), "p99", r.p99Us()));
        }
        var barChart = Charts.bars(o.out().resolve("call-hop.png"),
                String.format(Locale.ROOT, "Calling noop: ctx.invoke vs HTTP vs direct call, %,d each (lower is better)", n),
                "µs", bars);
        var curve = Charts.percentileCurves(o.out().resolve("call-hop-percentiles.png"),
                "Calling noop, latency by percentile", series);
        return new BenchOutcome(NAME, m, List.of(barChart, curve), notes);
    }

    /** Runs {@code hop-timer} for {@code calls} calls, records their timings, returns the clock floor seen. */
    private static long timeHops(RawHttpClient client, int calls, Histogram hop, Histogram direct) {
        long clock = Long.MAX_VALUE;
        for (int done = 0; done < calls; done += MAX_CALLS_PER_INVOCATION) {
            clock = Math.min(clock, invokeHopTimer(client, Math.min(MAX_CALLS_PER_INVOCATION, calls - done), hop,
                    direct));
        }
        return clock;
    }

    private static long invokeHopTimer(RawHttpClient client, int calls, Histogram hop, Histogram direct) {
        String body = "{\"target\":\"" + TARGET + "\",\"calls\":" + calls + "}";
        var response = client.exchange(client.post("/v1/functions/" + FUNCTION + "/invoke", body));
        if (response.status() != 200) {
            throw new IllegalStateException(FUNCTION + " answered " + response.status() + ": " + response.text());
        }
        JsonNode out = JSON.readTree(response.body());
        long hops = record(out.path("hopNanos"), hop);
        long directs = record(out.path("directNanos"), direct);
        if (hops != calls || directs != calls) {
            throw new IllegalStateException(FUNCTION + " returned " + hops + " hops and " + directs
                    + " direct calls, asked for " + calls);
        }
        return out.path("clockNanos").asLong();
    }

    private static long record(JsonNode nanos, Histogram into) {
        long n = 0;
        for (JsonNode v : nanos) {
            into.recordValue(Math.max(1, v.asLong()));
            n++;
        }
        return n;
    }

    /** Sends {@code count} requests one after another; returns how many were not answered 200. */
    private static long timeHttp(RawHttpClient client, byte[] request, int count, Histogram nanos) {
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
