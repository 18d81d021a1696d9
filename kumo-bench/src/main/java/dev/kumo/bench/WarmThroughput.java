package dev.kumo.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Warm throughput: {@code wrk -t1 -c64} POSTs of a tiny JSON body to Kumo's {@code noop} invoke and to
 * the raw Netty server, each after a warm-up run. Goal: Kumo at least 0.6x raw requests/sec.
 */
final class WarmThroughput implements Benchmark {

    static final String NAME = "warm-throughput";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "wrk -t1 -c64 POST to noop invoke vs raw Netty hello-world";
    }

    @Override
    public BenchOutcome run(BenchContext ctx) {
        BenchOptions o = ctx.options();
        WrkRunner wrk = WrkRunner.find();
        Endpoint raw = ctx.raw();
        Endpoint kumo = ctx.kumo();
        List<String> notes = new ArrayList<>();
        for (Endpoint e : List.of(raw, kumo)) {
            try (var client = RawHttpClient.connect(e)) {
                int status = client.exchange(client.post(e.path(), BenchContext.BODY)).status();
                if (status != 200) {
                    throw new IllegalStateException(e.label() + " answered " + status + " to POST " + e.path());
                }
            }
        }
        Duration warmup = Duration.ofMillis(Math.max(2_000, o.duration().toMillis() / 3));
        for (Endpoint e : List.of(raw, kumo)) {
            ctx.say(NAME, "warm-up " + e.label() + " for " + warmup.toSeconds() + "s");
            wrk.post(e, BenchContext.BODY, o.connections(), warmup);
        }
        ctx.say(NAME, "measuring " + raw.label() + " for " + o.duration().toSeconds() + "s");
        WrkReport r = wrk.post(raw, BenchContext.BODY, o.connections(), o.duration());
        ctx.say(NAME, String.format(Locale.ROOT, "  %,.0f req/s", r.requestsPerSec()));
        ctx.say(NAME, "measuring " + kumo.label() + " for " + o.duration().toSeconds() + "s");
        WrkReport k = wrk.post(kumo, BenchContext.BODY, o.connections(), o.duration());
        ctx.say(NAME, String.format(Locale.ROOT, "  %,.0f req/s", k.requestsPerSec()));

        noteErrors(notes, kumo, k);
        noteErrors(notes, raw, r);
        String base = raw.label();
        String rps = "requests_per_sec";
        List<Measurement> m = List.of(
                new Measurement(NAME, rps, "req/s", k.requestsPerSec(), r.requestsPerSec(), base,
                        new Goal.RatioAtLeast(0.6)),
                new Measurement(NAME, "latency_avg", "ms", k.latencyAvgMs(), r.latencyAvgMs(), base, new Goal.None()),
                new Measurement(NAME, "latency_p50", "ms", k.percentileMs(50), r.percentileMs(50), base,
                        new Goal.None()),
                new Measurement(NAME, "latency_p99", "ms", k.percentileMs(99), r.percentileMs(99), base,
                        new Goal.None()),
                new Measurement(NAME, "non_2xx_responses", "count", k.non2xx(), r.non2xx(), base, new Goal.None()),
                new Measurement(NAME, "socket_errors", "count", k.socketErrors(), r.socketErrors(), base,
                        new Goal.None()));
        var rpsChart = Charts.bars(o.out().resolve("warm-throughput.png"),
                "Warm throughput, wrk -t1 -c" + o.connections() + " (higher is better)", "requests/sec",
                List.of(new Charts.Bar("kumo noop invoke", "requests/sec", k.requestsPerSec()),
                        new Charts.Bar(base, "requests/sec", r.requestsPerSec())));
        List<Charts.Bar> latency = new ArrayList<>();
        for (double p : new double[] {50, 75, 90, 99}) {
            String category = "p" + (int) p;
            latency.add(new Charts.Bar("kumo noop invoke", category, k.percentileMs(p)));
            latency.add(new Charts.Bar(base, category, r.percentileMs(p)));
        }
        var latencyChart = Charts.bars(o.out().resolve("warm-throughput-latency.png"),
                "Latency under load, wrk -t1 -c" + o.connections() + " (lower is better)", "ms", latency);
        return new BenchOutcome(NAME, m, List.of(rpsChart, latencyChart), notes);
    }

    private static void noteErrors(List<String> notes, Endpoint e, WrkReport w) {
        if (w.non2xx() > 0 || w.socketErrors() > 0) {
            notes.add(e.label() + ": " + w.non2xx() + " non-2xx responses and " + w.socketErrors()
                    + " socket errors out of " + w.requests() + " requests; requests/sec counts them too");
        }
    }
}
