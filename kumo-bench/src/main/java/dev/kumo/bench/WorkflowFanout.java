package dev.kumo.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the DAG workflow engine costs per task. Part one: a 100-wide fan-out/fan-in ({@code range} -> map
 * {@code square} with maxConcurrency 100 -> {@code sum}), against the same 100 squares invoked directly over
 * HTTP (sequentially, and from 16 client connections), with each call's {@code durationMs} read from its
 * activation record so that the time the engine adds can be told from the time the functions ran; the same
 * map with maxConcurrency 1 gives the serial per-task overhead. Part two: run time and tasks/s of the map
 * for n = 10, 100, 1,000 (and 5,000 where it stays under 20 s) at maxConcurrency 1, 8, 32 and 100.
 */
final class WorkflowFanout implements Benchmark {

    static final String NAME = "workflow-fanout";
    private static final int WIDTH = 100;
    private static final int CLIENT_THREADS = 16;
    private static final int[] SIZES = {10, 100, 1_000, 5_000};
    private static final int[] CONCURRENCIES = {1, 8, 32, 100};
    private static final int WARMUP_RUNS = 20;
    private static final int MIN_ROUNDS = 5;
    private static final int MAX_ROUNDS = 50;
    private static final double LARGEST_RUN_SECONDS = 20;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "100-wide workflow map vs 100 direct invokes; map scaling over n and maxConcurrency";
    }

    @Override
    public BenchOutcome run(BenchContext ctx) {
        var kumo = ctx.kumo();
        var api = new KumoApi(kumo.base());
        api.deploy(FanoutProbe.RANGE, FunctionSpec.sharedSingleInstance("dev.kumo.examples.Range", 16),
                ExamplesJar.bytes());
        api.deploy(FanoutProbe.SQUARE, FunctionSpec.sharedSingleInstance("dev.kumo.examples.Square", 128),
                ExamplesJar.bytes());
        api.deploy(FanoutProbe.SUM, FunctionSpec.sharedSingleInstance("dev.kumo.examples.Sum", 16),
                ExamplesJar.bytes());
        for (int c : CONCURRENCIES) {
            api.putWorkflow(workflow(c), definition(c));
        }
        var probe = new FanoutProbe(kumo, api);
        var notes = new ArrayList<String>();
        try (var client = RawHttpClient.connect(kumo)) {
            ctx.say(NAME, "warm-up: " + WARMUP_RUNS + " runs per maxConcurrency and 20 x " + WIDTH + " direct invokes");
            for (int c : CONCURRENCIES) {
                for (int i = 0; i < WARMUP_RUNS; i++) {
                    probe.runWorkflow(client, workflow(c), WIDTH);
                }
            }
            for (int i = 0; i < 20; i++) {
                probe.measureDirect(WIDTH, i % 2 == 0 ? 1 : CLIENT_THREADS);
            }
            var wide = new ArrayList<FanoutProbe.Sample>();
            var serial = new ArrayList<FanoutProbe.Sample>();
            var seq = new ArrayList<FanoutProbe.Sample>();
            var par = new ArrayList<FanoutProbe.Sample>();
            long budget = ctx.options().duration().toNanos();
            long t0 = System.nanoTime();
            while (wide.size() < MIN_ROUNDS || wide.size() < MAX_ROUNDS && System.nanoTime() - t0 < budget) {
                wide.add(probe.measureWorkflow(client, workflow(WIDTH), WIDTH));
                serial.add(probe.measureWorkflow(client, workflow(1), WIDTH));
                seq.add(probe.measureDirect(WIDTH, 1));
                par.add(probe.measureDirect(WIDTH, CLIENT_THREADS));
            }
            ctx.say(NAME, wide.size() + " rounds of: workflow c=100, workflow c=1, 100 sequential invokes, 100 "
                    + "invokes from " + CLIENT_THREADS + " connections");
            var m = new ArrayList<>(overhead(ctx, wide, serial, seq, par));
            var scaling = scaling(ctx, probe, client, notes);
            scaling.forEach((key, wallMs) -> m.add(new Measurement(NAME, "tasks_per_sec_n" + key.n() + "_c" + key.c(),
                    "1/s", key.n() / (wallMs / 1000), Double.NaN, "", new Goal.None())));
            scaling.forEach((key, wallMs) -> m.add(new Measurement(NAME, "wall_ms_n" + key.n() + "_c" + key.c(),
                    "ms", wallMs, Double.NaN, "", new Goal.None())));
            var charts = List.of(overheadChart(ctx, wide, serial, seq, par), scalingChart(ctx, scaling));
            for (int c : CONCURRENCIES) {
                api.deleteWorkflow(workflow(c));
            }
            api.delete(FanoutProbe.RANGE);
            api.delete(FanoutProbe.SQUARE);
            api.delete(FanoutProbe.SUM);
            return new BenchOutcome(NAME, m, charts, notes);
        }
    }

    private static List<Measurement> overhead(BenchContext ctx, List<FanoutProbe.Sample> wide,
                                              List<FanoutProbe.Sample> serial, List<FanoutProbe.Sample> seq,
                                              List<FanoutProbe.Sample> par) {
        double wideWall = median(wide, FanoutProbe.Sample::wallMs);
        double wideBusy = median(wide, FanoutProbe.Sample::busyMs);
        double wideCritical = median(wide, FanoutProbe.Sample::criticalMs);
        double serialWall = median(serial, FanoutProbe.Sample::wallMs);
        double seqWall = median(seq, FanoutProbe.Sample::wallMs);
        double parWall = median(par, FanoutProbe.Sample::wallMs);
        double fanOut = median(wide, s -> (s.wallMs() - s.criticalMs()) / s.tasks() * 1000);
        double serialOverhead = median(serial, s -> (s.wallMs() - s.busyMs()) / s.tasks() * 1000);
        double seqOverhead = median(seq, s -> (s.wallMs() - s.busyMs()) / s.tasks() * 1000);
        double slotWide = median(wide, s -> (s.wallMs() * WIDTH - s.busyMs()) / s.tasks() * 1000);
        double slotPar = median(par, s -> (s.wallMs() * CLIENT_THREADS - s.busyMs()) / s.tasks() * 1000);
        ctx.say(NAME, String.format(Locale.ROOT, "median wall: workflow c=100 %.2f ms (functions %.3f ms, critical "
                + "path %.3f ms), c=1 %.2f ms; direct sequential %.2f ms, %d connections %.2f ms", wideWall, wideBusy,
                wideCritical, serialWall, seqWall, CLIENT_THREADS, parWall));
        String seqName = "100 sequential HTTP invokes of square";
        String parName = "100 HTTP invokes of square from " + CLIENT_THREADS + " connections";
        return List.of(
                new Measurement(NAME, "fanout100_wall_ms", "ms", wideWall, parWall, parName, new Goal.None()),
                new Measurement(NAME, "fanout100_wall_vs_sequential_ms", "ms", wideWall, seqWall, seqName,
                        new Goal.None()),
                new Measurement(NAME, "fanout100_function_ms", "ms", wideBusy,
                        median(par, FanoutProbe.Sample::busyMs), parName, new Goal.None()),
                new Measurement(NAME, "fanout100_critical_path_ms", "ms", wideCritical, Double.NaN, "",
                        new Goal.None()),
                new Measurement(NAME, "fanout100_overhead_per_task_us", "µs", fanOut, seqOverhead, seqName,
                        new Goal.None()),
                new Measurement(NAME, "fanout100_slot_overhead_per_task_us", "µs", slotWide, slotPar, parName,
                        new Goal.None()),
                new Measurement(NAME, "serial100_wall_ms", "ms", serialWall, seqWall, seqName, new Goal.None()),
                new Measurement(NAME, "serial100_overhead_per_task_us", "µs", serialOverhead, seqOverhead, seqName,
                        new Goal.None()),
                new Measurement(NAME, "rounds", "count", wide.size(), seq.size(), seqName, new Goal.None()));
    }

    /** Size and concurrency of one scaling cell. */
    private record Cell(int n, int c) {
    }

    /** Median wall ms of the map at each n and maxConcurrency; n=5,000 only where n=1,000 took under 4 s. */
    private Map<Cell, Double> scaling(BenchContext ctx, FanoutProbe probe, RawHttpClient client, List<String> notes) {
        var result = new LinkedHashMap<Cell, Double>();
        long cellBudget = ctx.options().duration().toNanos() / 4;
        for (int c : CONCURRENCIES) {
            for (int n : SIZES) {
                var previous = result.get(new Cell(n / 5, c));
                if (n == 5_000 && previous != null && previous * 5 / 1000 > LARGEST_RUN_SECONDS) {
                    notes.add(String.format(Locale.ROOT, "n=5,000 at maxConcurrency %d skipped: n=1,000 took %.1f s",
                            c, previous / 1000));
                    continue;
                }
                int minRuns = n >= 1_000 ? 1 : 3;
                int maxRuns = n >= 1_000 ? 3 : 20;
                var walls = new ArrayList<Double>();
                long t0 = System.nanoTime();
                while (walls.size() < minRuns || walls.size() < maxRuns && System.nanoTime() - t0 < cellBudget) {
                    walls.add(probe.runWorkflow(client, workflow(c), n));
                }
                double wall = median(walls, w -> w);
                result.put(new Cell(n, c), wall);
                ctx.say(NAME, String.format(Locale.ROOT, "n=%,d maxConcurrency=%d: %.1f ms (median of %d), %,.0f tasks/s",
                        n, c, wall, walls.size(), n / (wall / 1000)));
            }
        }
        return result;
    }

    private static java.nio.file.Path overheadChart(BenchContext ctx, List<FanoutProbe.Sample> wide,
                                                    List<FanoutProbe.Sample> serial, List<FanoutProbe.Sample> seq,
                                                    List<FanoutProbe.Sample> par) {
        var bars = new ArrayList<Charts.Bar>();
        Map<String, List<FanoutProbe.Sample>> series = new LinkedHashMap<>();
        series.put("workflow, maxConcurrency 100", wide);
        series.put("workflow, maxConcurrency 1", serial);
        series.put("direct invokes, sequential", seq);
        series.put("direct invokes, " + CLIENT_THREADS + " connections", par);
        series.forEach((label, samples) -> {
            bars.add(new Charts.Bar(label, "wall", Math.rint(median(samples, FanoutProbe.Sample::wallMs) * 100) / 100));
            bars.add(new Charts.Bar(label, "sum of function durationMs",
                    Math.rint(median(samples, FanoutProbe.Sample::busyMs) * 100) / 100));
        });
        return Charts.bars(ctx.options().out().resolve("workflow-fanout.png"),
                "100 squares: workflow map vs direct HTTP invokes, median (lower is better)", "ms", bars);
    }

    private static java.nio.file.Path scalingChart(BenchContext ctx, Map<Cell, Double> scaling) {
        var bars = new ArrayList<Charts.Bar>();
        scaling.forEach((cell, wallMs) -> bars.add(new Charts.Bar("maxConcurrency " + cell.c(),
                String.format(Locale.ROOT, "n = %,d", cell.n()), Math.rint(cell.n() / (wallMs / 1000)))));
        return Charts.bars(ctx.options().out().resolve("workflow-fanout-scaling.png"),
                "Workflow map of square: tasks/s by n and maxConcurrency (higher is better)", "tasks/s", bars);
    }

    private static String workflow(int maxConcurrency) {
        return "wf-fanout-c" + maxConcurrency;
    }

    /** fanout-sum's shape on the benchmark's own functions, without retries (a failure fails the benchmark). */
    private static String definition(int maxConcurrency) {
        return """
                {"startAt": "range", "steps": {
                  "range": {"type": "task", "function": "%s", "next": "squares"},
                  "squares": {"type": "map", "itemsPath": "$.items", "function": "%s", "itemField": "x",
                              "maxConcurrency": %d, "next": "sum"},
                  "sum": {"type": "task", "function": "%s", "end": true}}}
                """.formatted(FanoutProbe.RANGE, FanoutProbe.SQUARE, maxConcurrency, FanoutProbe.SUM);
    }

    private static <T> double median(List<T> samples, java.util.function.ToDoubleFunction<T> value) {
        double[] v = samples.stream().mapToDouble(value).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
