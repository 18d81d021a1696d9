package dev.kumo.bench;

import dev.kumo.server.KumoServer;
import dev.kumo.server.ServerConfig;
import dev.kumo.sim.PolicyResult;
import dev.kumo.sim.Progress;
import dev.kumo.sim.Simulator;
import dev.kumo.sim.trace.TraceFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SimLess twin validation: replays a time-compressed slice of the Azure 2019 sample against a real Kumo server (one
 * fresh in-process server per policy, its keep-alive spec compressed the same way) and runs the simulator on the
 * same slice with the uncompressed policy; reports cold starts and idle (kept-alive) memory-time of both. Goal: the
 * simulator within 10% of the server on each.
 *
 * <p>Knobs are system properties (pass them in {@code BENCH_JAVA_OPTS}): {@code twin.trace} (default
 * {@code ../shared/data/azure-functions-2019}, or {@code KUMO_TWIN_TRACE}), {@code twin.compression} (60),
 * {@code twin.minutes} (60), {@code twin.from} (first minute of the trace), {@code twin.apps} (20),
 * {@code twin.maxRate} (2 invocations per wall second per app), {@code twin.policies}
 * ({@code fixed:10m,hybrid-histogram}), {@code twin.seed} (1).
 */
final class TwinValidation implements Benchmark {

    static final String NAME = "twin";
    private static final Goal WITHIN_10_PCT = new Goal.RatioWithin(0.10);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "real server on a time-compressed trace slice vs the simulator on the same slice";
    }

    @Override
    public BenchOutcome run(BenchContext ctx) throws Exception {
        Path tracePath = Path.of(System.getProperty("twin.trace",
                System.getenv().getOrDefault("KUMO_TWIN_TRACE", "../shared/data/azure-functions-2019")));
        var compression = new TimeCompression(Double.parseDouble(System.getProperty("twin.compression", "60")));
        int minutes = Integer.getInteger("twin.minutes", 60);
        int maxApps = Integer.getInteger("twin.apps", 20);
        double maxRate = Double.parseDouble(System.getProperty("twin.maxRate", "2"));
        long seed = Long.getLong("twin.seed", 1);
        List<String> policies = List.of(System.getProperty("twin.policies", "fixed:10m,hybrid-histogram")
                .split(","));
        if (!Files.exists(tracePath)) {
            throw new IllegalStateException("no trace at " + tracePath.toAbsolutePath()
                    + "; set -Dtwin.trace or KUMO_TWIN_TRACE");
        }
        var trace = TraceFormat.AUTO.read(tracePath);
        long fromMinute = Long.getLong("twin.from", firstMinute(trace, seed));
        var slice = TraceSlice.select(trace, seed,
                new TraceSlice.Selection(fromMinute, minutes, maxApps, maxRate, compression));
        ctx.say(NAME, String.format(Locale.ROOT,
                "slice: %d apps, %d invocations, minutes %d-%d at %.0fx (%.0f s per policy)", slice.apps().size(),
                slice.size(), fromMinute, fromMinute + minutes, compression.factor(),
                compression.wallMs(slice.horizonMs()) / 1000));
        var comparisons = new ArrayList<TwinComparison>();
        var notes = new ArrayList<String>();
        byte[] jar = ExamplesJar.bytes();
        for (String policy : policies) {
            String spec = policy.strip();
            String serverSpec = compression.policySpec(spec);
            PolicyResult sim = Simulator.run(spec, slice.trace(), seed, Progress.none());
            TraceReplayer.Result measured = replay(ctx, slice, compression, serverSpec, jar);
            ctx.say(NAME, String.format(Locale.ROOT,
                    "%s (server %s): cold %d measured vs %d simulated; idle %.1f vs %.1f GB-s; late max %.1f ms",
                    spec, serverSpec, measured.coldStarts(), sim.coldStarts(), measured.idleGbS(),
                    sim.wastedMemoryGbS(), measured.maxLateMs()));
            comparisons.add(new TwinComparison(spec, "cold_starts", measured.coldStarts(), sim.coldStarts()));
            comparisons.add(new TwinComparison(spec, "idle_memory_gb_s", measured.idleGbS(), sim.wastedMemoryGbS()));
            comparisons.add(new TwinComparison(spec, "loaded_memory_gb_s", measured.loadedGbS(),
                    sim.wastedMemoryGbS() + slice.busyGbS()));
            if (measured.failed() > 0) {
                notes.add(spec + ": " + measured.failed() + " of " + measured.invocations()
                        + " invocations failed (counted as neither cold nor warm)");
            }
            notes.add(String.format(Locale.ROOT, "%s: server ran %s; %d memory samples; scheduler at most %.1f ms "
                    + "late", spec, serverSpec, measured.samples(), measured.maxLateMs()));
        }
        notes.add(String.format(Locale.ROOT, "slice: %d apps, %d invocations, trace minutes %d-%d, compression "
                + "%.0fx, seed %d; kumo = server (measured), baseline = simulator, ratio = measured/simulated; "
                + "rel_error = (simulated - measured) / measured", slice.apps().size(), slice.size(), fromMinute,
                fromMinute + minutes, compression.factor(), seed));
        return new BenchOutcome(NAME, measurements(comparisons), charts(ctx, comparisons), notes);
    }

    private static TraceReplayer.Result replay(BenchContext ctx, TraceSlice slice, TimeCompression compression,
                                               String serverSpec, byte[] jar) throws Exception {
        Path data = Files.createTempDirectory("kumo-twin-");
        ServerConfig d = ServerConfig.defaults();
        var config = new ServerConfig(d.host(), 0, data, java.util.Optional.empty(), serverSpec,
                BenchContext.ADMISSION_BUDGET_MB, 10_000, d.maxSyncPayloadBytes(), d.maxCodeBytes(),
                d.maxActivations(), d.activationMaxAge());
        try (var server = KumoServer.start(config)) {
            var api = new KumoApi(server.uri());
            api.awaitReady(Duration.ofSeconds(60));
            var replayer = new TraceReplayer(server.uri(), slice, compression);
            replayer.deploy(api, jar);
            ctx.say(NAME, "replaying under " + serverSpec);
            return replayer.replay();
        } finally {
            BenchContext.deleteTree(data);
        }
    }

    private static long firstMinute(dev.kumo.sim.trace.Trace trace, long seed) {
        long[] first = {-1};
        trace.replay(seed, (app, start, duration) -> {
            if (first[0] < 0) {
                first[0] = start / 60_000;
            }
        });
        return Math.max(0, first[0]);
    }

    private static List<Measurement> measurements(List<TwinComparison> comparisons) {
        var out = new ArrayList<Measurement>();
        for (var c : comparisons) {
            String unit = c.metric().equals("cold_starts") ? "count" : "GB-s";
            Goal goal = c.metric().equals("loaded_memory_gb_s") ? new Goal.None() : WITHIN_10_PCT;
            out.add(new Measurement(NAME, c.policy() + " " + c.metric(), unit, c.measured(), c.simulated(),
                    "simulator", goal));
            out.add(new Measurement(NAME, c.policy() + " " + c.metric() + "_rel_error", "%",
                    100 * c.relativeError(), Double.NaN, "none", new Goal.None()));
        }
        return out;
    }

    private static List<Path> charts(BenchContext ctx, List<TwinComparison> comparisons) {
        var cold = new ArrayList<Charts.Bar>();
        var memory = new ArrayList<Charts.Bar>();
        for (var c : comparisons) {
            switch (c.metric()) {
                case "cold_starts" -> {
                    cold.add(new Charts.Bar("server (measured)", c.policy(), c.measured()));
                    cold.add(new Charts.Bar("simulator", c.policy(), c.simulated()));
                }
                case "idle_memory_gb_s" -> {
                    memory.add(new Charts.Bar("server (measured)", c.policy(), c.measured()));
                    memory.add(new Charts.Bar("simulator", c.policy(), c.simulated()));
                }
                default -> {
                }
            }
        }
        Path out = ctx.options().out();
        return List.of(
                Charts.bars(out.resolve("twin-cold-starts.png"), "Twin validation: cold starts, server vs simulator",
                        "cold starts", cold),
                Charts.bars(out.resolve("twin-idle-memory.png"),
                        "Twin validation: idle warm memory-time (trace time), server vs simulator", "GB-s", memory));
    }
}
