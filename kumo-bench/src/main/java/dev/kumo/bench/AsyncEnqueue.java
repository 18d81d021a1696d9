package dev.kumo.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Durable asynchronous enqueue: {@code wrk -t1 -c<connections>} POSTs to {@code noop}'s async invoke (each
 * answered 202 only once the invocation is committed and fsynced, while the workers drain the queue on the
 * same two cores) against {@code redis-benchmark -t lpush} with the same number of connections on a local
 * Redis started by the benchmark: first with Redis's defaults (no fsync at all), the goal's baseline, then
 * with {@code appendfsync always}, the durable equivalent; both again with four times the connections,
 * where group commit shares each fsync among more callers. Enqueue-to-start latency comes from the
 * activation records of the run ({@code queueMs}: acceptance to handler start). Goal: Kumo at least 0.5x
 * Redis's default throughput.
 */
final class AsyncEnqueue implements Benchmark {

    static final String NAME = "async-enqueue";
    static final String ASYNC_INVOKE = "/v1/functions/noop/invoke?mode=async";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "wrk POST to noop async invoke (durable) vs redis-benchmark LPUSH on a local Redis";
    }

    @Override
    public BenchOutcome run(BenchContext ctx) {
        BenchOptions o = ctx.options();
        WrkRunner wrk = WrkRunner.find();
        Endpoint k = ctx.kumo();
        Endpoint kumo = new Endpoint("kumo async invoke", k.host(), k.port(), ASYNC_INVOKE);
        var api = new KumoApi(kumo.base());
        List<String> notes = new ArrayList<>();

        int wide = 4 * o.connections(); // group commit shares one fsync among all waiting callers: more is cheaper
        RedisBaseline.Result plain;
        RedisBaseline.Result plainWide;
        RedisBaseline.Result durable;
        try (var redis = RedisBaseline.start()) {
            int requests = (int) Math.max(100_000, o.duration().toSeconds() * 100_000);
            ctx.say(NAME, "redis-benchmark LPUSH, " + requests + " requests, " + o.connections() + " connections");
            redis.lpush(requests / 4, o.connections()); // warm-up
            plain = redis.lpush(requests, o.connections());
            ctx.say(NAME, String.format(Locale.ROOT, "  %,.0f req/s (no fsync)", plain.requestsPerSec()));
            plainWide = redis.lpush(requests, wide);
            ctx.say(NAME, String.format(Locale.ROOT, "  %,.0f req/s (no fsync, %d connections)",
                    plainWide.requestsPerSec(), wide));
            redis.fsyncEveryWrite();
            durable = redis.lpush(requests / 2, o.connections());
            ctx.say(NAME, String.format(Locale.ROOT, "  %,.0f req/s (appendfsync always)", durable.requestsPerSec()));
        }

        var warmup = java.time.Duration.ofMillis(Math.max(5_000, o.duration().toMillis() / 2));
        ctx.say(NAME, "warm-up " + kumo.label() + " for " + warmup.toSeconds() + "s");
        wrk.post(kumo, BenchContext.BODY, o.connections(), warmup);
        awaitDrained(ctx, api);
        ctx.say(NAME, "measuring " + kumo.label() + " for " + o.duration().toSeconds() + "s");
        WrkReport r = wrk.post(kumo, BenchContext.BODY, o.connections(), o.duration());
        ctx.say(NAME, String.format(Locale.ROOT, "  %,.0f req/s acknowledged", r.requestsPerSec()));
        if (r.non2xx() > 0 || r.socketErrors() > 0) {
            notes.add("kumo: " + r.non2xx() + " non-2xx responses and " + r.socketErrors() + " socket errors out of "
                    + r.requests() + " requests");
        }
        awaitDrained(ctx, api);
        ctx.say(NAME, "measuring " + kumo.label() + " with " + wide + " connections for " + o.duration().toSeconds()
                + "s");
        WrkReport w = wrk.post(kumo, BenchContext.BODY, wide, o.duration());
        ctx.say(NAME, String.format(Locale.ROOT, "  %,.0f req/s acknowledged", w.requestsPerSec()));
        awaitDrained(ctx, api);
        var queueMs = api.activations("noop", "success", 10_000).stream()
                .map(a -> a.get("queueMs").asDouble()).toList();
        var delay = Samples.of(queueMs);
        ctx.say(NAME, String.format(Locale.ROOT, "  enqueue-to-start p50 %.2f ms, p99 %.2f ms (%d activations)",
                delay.percentile(50), delay.percentile(99), delay.count()));

        String base = "redis LPUSH (no fsync)";
        var m = List.of(
                new Measurement(NAME, "requests_per_sec", "req/s", r.requestsPerSec(), plain.requestsPerSec(), base,
                        new Goal.RatioAtLeast(0.5)),
                new Measurement(NAME, "requests_per_sec_" + wide + "_connections", "req/s", w.requestsPerSec(),
                        plainWide.requestsPerSec(), base, new Goal.None()),
                new Measurement(NAME, "requests_per_sec_vs_fsync", "req/s", r.requestsPerSec(),
                        durable.requestsPerSec(), "redis LPUSH (appendfsync always)", new Goal.None()),
                new Measurement(NAME, "latency_p50", "ms", r.percentileMs(50), plain.p50Ms(), base, new Goal.None()),
                new Measurement(NAME, "latency_p99", "ms", r.percentileMs(99), plain.p99Ms(), base, new Goal.None()),
                new Measurement(NAME, "enqueue_to_start_p50", "ms", delay.percentile(50), Double.NaN, "",
                        new Goal.None()),
                new Measurement(NAME, "enqueue_to_start_p99", "ms", delay.percentile(99), Double.NaN, "",
                        new Goal.None()));
        var chart = Charts.bars(o.out().resolve("async-enqueue.png"),
                "Durable enqueue (higher is better)", "requests/sec",
                List.of(new Charts.Bar("kumo async invoke (fsync, group commit)", o.connections() + " connections",
                                r.requestsPerSec()),
                        new Charts.Bar("redis LPUSH (no fsync)", o.connections() + " connections",
                                plain.requestsPerSec()),
                        new Charts.Bar("redis LPUSH (appendfsync always)", o.connections() + " connections",
                                durable.requestsPerSec()),
                        new Charts.Bar("kumo async invoke (fsync, group commit)", wide + " connections",
                                w.requestsPerSec()),
                        new Charts.Bar("redis LPUSH (no fsync)", wide + " connections", plainWide.requestsPerSec())));
        var latency = Charts.bars(o.out().resolve("async-enqueue-latency.png"),
                "Enqueue latency and enqueue-to-start delay (lower is better)", "ms",
                List.of(new Charts.Bar("kumo enqueue (202)", "p50", r.percentileMs(50)),
                        new Charts.Bar("kumo enqueue (202)", "p99", r.percentileMs(99)),
                        new Charts.Bar("redis LPUSH (no fsync)", "p50", plain.p50Ms()),
                        new Charts.Bar("redis LPUSH (no fsync)", "p99", plain.p99Ms()),
                        new Charts.Bar("kumo enqueue-to-start", "p50", delay.percentile(50)),
                        new Charts.Bar("kumo enqueue-to-start", "p99", delay.percentile(99))));
        return new BenchOutcome(NAME, m, List.of(chart, latency), notes);
    }

    /** Waits until no async invocation of {@code noop} is queued or running. */
    static void awaitDrained(BenchContext ctx, KumoApi api) {
        long start = System.nanoTime();
        while (true) {
            double queued = PrometheusText.sum(api.metrics(), "kumo_async_queue_depth", java.util.Map.of());
            if (queued == 0) {
                return;
            }
            if (System.nanoTime() - start > 600_000_000_000L) {
                throw new IllegalStateException("the async queue did not drain in 10 minutes: " + queued);
            }
            ctx.say(NAME, String.format(Locale.ROOT, "  draining: %,.0f queued", queued));
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
