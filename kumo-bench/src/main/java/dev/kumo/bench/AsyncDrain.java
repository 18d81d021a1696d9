package dev.kumo.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Time to drain 10,000 asynchronous no-op invocations: 64 keep-alive connections send them as fast as the
 * server acknowledges (each 202 after the fsync of its group commit), and the clock stops when the last one
 * has run (Kumo's success counter). The baseline is the same 10,000 calls made synchronously over the same
 * connections, so the ratio is the price of durability and the queue hop.
 */
final class AsyncDrain implements Benchmark {

    static final String NAME = "async-drain";
    static final int INVOCATIONS = 10_000;
    private static final int CONNECTIONS = 64;
    private static final String FUNCTION = "drain";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "drain 10,000 queued no-op invocations vs 10,000 synchronous calls";
    }

    @Override
    public BenchOutcome run(BenchContext ctx) {
        Endpoint k = ctx.kumo();
        var api = new KumoApi(k.base());
        api.deploy(FUNCTION, FunctionSpec.sharedSingleInstance(ExamplesJar.NOOP, 256), ExamplesJar.bytes());
        String sync = "/v1/functions/" + FUNCTION + "/invoke";
        send(k, sync, 2_000); // warm the instance and the JIT
        double warmups = successes(api);

        ctx.say(NAME, "sending " + INVOCATIONS + " synchronous invocations over " + CONNECTIONS + " connections");
        long t0 = System.nanoTime();
        send(k, sync, INVOCATIONS);
        double syncSeconds = (System.nanoTime() - t0) / 1e9;
        ctx.say(NAME, String.format(Locale.ROOT, "  %.2f s", syncSeconds));

        ctx.say(NAME, "sending " + INVOCATIONS + " asynchronous invocations and waiting for all to run");
        double before = successes(api);
        long t1 = System.nanoTime();
        send(k, sync + "?mode=async", INVOCATIONS);
        double enqueueSeconds = (System.nanoTime() - t1) / 1e9;
        ctx.say(NAME, String.format(Locale.ROOT, "  all acknowledged after %.2f s", enqueueSeconds));
        while (successes(api) < before + INVOCATIONS) {
            if (System.nanoTime() - t1 > 300_000_000_000L) {
                throw new IllegalStateException("10,000 async invocations did not drain within 5 minutes");
            }
            sleepMillis(5);
        }
        double drainSeconds = (System.nanoTime() - t1) / 1e9;
        ctx.say(NAME, String.format(Locale.ROOT, "  all ran after %.2f s (%,.0f invocations/s; %.0f warm-ups before)",
                drainSeconds, INVOCATIONS / drainSeconds, warmups));
        api.delete(FUNCTION);

        String base = "10,000 synchronous calls";
        var m = List.of(
                new Measurement(NAME, "drain_seconds", "s", drainSeconds, syncSeconds, base, new Goal.None()),
                new Measurement(NAME, "enqueue_seconds", "s", enqueueSeconds, syncSeconds, base, new Goal.None()),
                new Measurement(NAME, "invocations_per_sec", "1/s", INVOCATIONS / drainSeconds,
                        INVOCATIONS / syncSeconds, base, new Goal.None()));
        var chart = Charts.bars(ctx.options().out().resolve("async-drain.png"),
                "10,000 no-op invocations, " + CONNECTIONS + " connections (lower is better)", "seconds",
                List.of(new Charts.Bar("async: all acknowledged", "seconds", enqueueSeconds),
                        new Charts.Bar("async: all ran", "seconds", drainSeconds),
                        new Charts.Bar("sync: all answered", "seconds", syncSeconds)));
        return new BenchOutcome(NAME, m, List.of(chart), List.of());
    }

    /** Sends {@code count} POSTs to {@code path} over {@link #CONNECTIONS} keep-alive connections. */
    private static void send(Endpoint k, String path, int count) {
        var next = new AtomicInteger();
        var threads = IntStream.range(0, CONNECTIONS).mapToObj(i -> Thread.ofVirtual().start(() -> {
            try (var client = RawHttpClient.connect(k)) {
                byte[] request = client.post(path, BenchContext.BODY);
                while (next.getAndIncrement() < count) {
                    int status = client.exchange(request).status();
                    if (status != 200 && status != 202) {
                        throw new IllegalStateException("POST " + path + " answered " + status);
                    }
                }
            }
        })).toList();
        for (var t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static double successes(KumoApi api) {
        return PrometheusText.sum(api.metrics(), "kumo_invocations_total",
                Map.of("function", FUNCTION, "status", "success"));
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
