package dev.kumo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Memory of a forked Kumo server, read from outside after a full GC ({@code jcmd GC.run}): RSS from
 * {@code /proc/<pid>/status} (plus any child processes), heap and non-heap (class metadata, code cache)
 * used from {@code /metrics}. Stages: idle
 * right after start (the baseline); 1,000 deployed isolated {@code Noop} functions; 100 of them warmed by one
 * invocation each; one shared-tier {@code Sleep} function with 100 concurrent slots in one instance, all
 * filled at once. The deltas give bytes per warm isolated instance and per shared slot.
 */
final class Memory implements Benchmark {

    static final String NAME = "memory";
    private static final double MIB = 1024 * 1024;
    private static final double KIB = 1024;

    /** Memory after one stage, in bytes. */
    private record Stage(String name, double rss, double heap, double nonHeap) {
    }

    /** The three readings of a stage, with their metric names. */
    private enum Reading {
        RSS("rss", "RSS"), HEAP("heap_used", "heap used"), NON_HEAP("non_heap_used", "non-heap used");

        final String key;
        final String label;

        Reading(String key, String label) {
            this.key = key;
            this.label = label;
        }

        double of(Stage s) {
            return switch (this) {
                case RSS -> s.rss();
                case HEAP -> s.heap();
                case NON_HEAP -> s.nonHeap();
            };
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "RSS and heap of a forked server: deployed functions, warm isolated instances, shared slots";
    }

    @Override
    public BenchOutcome run(BenchContext ctx) throws IOException {
        BenchOptions o = ctx.options();
        int functions = o.functions();
        int warm = o.warmInstances();
        Path data = Files.createTempDirectory("kumo-bench-memory-");
        Path log = o.out().resolve("memory-server.log");
        byte[] jar = ExamplesJar.bytes();
        List<String> notes = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        ctx.say(NAME, "forking dev.kumo.server.Main, log in " + log);
        List<String> jvmArgs = List.of("--enable-native-access=ALL-UNNAMED");
        List<String> serverArgs = List.of("--memory-budget-mb", Integer.toString(BenchContext.ADMISSION_BUDGET_MB));
        try (var server = ForkedServer.start(BenchContext.freePort(), data, log, jvmArgs, serverArgs)) {
            var api = new KumoApi(server.base());
            awaitReady(server, api, log);
            stages.add(measure(ctx, server, api, "idle"));

            for (int i = 1; i <= functions; i++) {
                api.deploy("mem-fn-" + i, FunctionSpec.isolated(ExamplesJar.NOOP), jar);
                if (i % 200 == 0 || i == functions) {
                    ctx.say(NAME, "deployed " + i + "/" + functions);
                }
            }
            stages.add(measure(ctx, server, api, functions + " functions"));

            int failed = 0;
            for (int i = 1; i <= warm; i++) {
                failed += api.invoke("mem-fn-" + i, "{}") == 200 ? 0 : 1;
            }
            if (failed > 0) {
                notes.add(failed + " of " + warm + " warming invocations failed");
            }
            stages.add(measure(ctx, server, api, "+" + warm + " warm isolated"));

            api.deploy("mem-shared", FunctionSpec.sharedSingleInstance(ExamplesJar.SLEEP, warm), jar);
            int ok = fillSlots(api, "mem-shared", warm);
            if (ok < warm) {
                notes.add("shared tier: only " + ok + " of " + warm + " concurrent invocations succeeded");
            }
            stages.add(measure(ctx, server, api, "+" + warm + " shared slots"));
            long childRss = server.childRssBytes();
            if (childRss > 0) {
                notes.add(String.format(Locale.ROOT, "RSS includes %.1f MiB of child processes", childRss / MIB));
            }
        } finally {
            BenchContext.deleteTree(data);
        }
        return outcome(o, stages, functions, warm, notes);
    }

    private static void awaitReady(ForkedServer server, KumoApi api, Path log) {
        try {
            api.awaitReady(Duration.ofSeconds(60));
        } catch (IllegalStateException e) {
            throw new IllegalStateException((server.alive() ? "" : "server exited; ") + e.getMessage()
                    + "\n--- " + log + " ---\n" + tail(log), e);
        }
    }

    /** Runs {@code slots} one-second invocations at once against a single shared instance. */
    private static int fillSlots(KumoApi api, String name, int slots) {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < slots; i++) {
                calls.add(threads.submit(() -> api.invoke(name, "{\"ms\":1000}")));
            }
            int ok = 0;
            for (Future<Integer> call : calls) {
                ok += call.get() == 200 ? 1 : 0;
            }
            return ok;
        } catch (Exception e) {
            throw new IllegalStateException("concurrent invocations of " + name + " failed", e);
        }
    }

    private static Stage measure(BenchContext ctx, ForkedServer server, KumoApi api, String name) {
        server.gc();
        server.gc();
        double rss = server.rssBytes();
        String metrics = api.metrics();
        double heap = PrometheusText.sum(metrics, "jvm_memory_used_bytes", Map.of("area", "heap"));
        if (Double.isNaN(heap)) {
            heap = server.heapUsedFromJcmd().orElse(Double.NaN);
        }
        double nonHeap = PrometheusText.sum(metrics, "jvm_memory_used_bytes", Map.of("area", "nonheap"));
        ctx.say(NAME, String.format(Locale.ROOT, "%-22s RSS %7.1f MiB, heap used %7.1f MiB, non-heap %7.1f MiB",
                name, rss / MIB, heap / MIB, nonHeap / MIB));
        return new Stage(name, rss, heap, nonHeap);
    }

    private static BenchOutcome outcome(BenchOptions o, List<Stage> stages, int functions, int warm,
                                        List<String> notes) {
        Stage idle = stages.get(0);
        Stage deployed = stages.get(1);
        Stage isolated = stages.get(2);
        Stage shared = stages.get(3);
        String base = "idle server after start";
        String perSlot = "shared tier, per concurrent slot";
        List<Measurement> m = new ArrayList<>();
        for (Reading r : Reading.values()) {
            for (Stage s : stages) {
                String key = s.name().replace("+", "plus_").replace(' ', '_');
                m.add(new Measurement(NAME, r.key + "_" + key, "MiB", r.of(s) / MIB, r.of(idle) / MIB, base,
                        new Goal.None()));
            }
        }
        List<Charts.Bar> perInstanceBars = new ArrayList<>();
        for (Reading r : Reading.values()) {
            var perInstance = new Measurement(NAME, r.key + "_per_warm_isolated_instance", "KiB",
                    (r.of(isolated) - r.of(deployed)) / warm / KIB, (r.of(shared) - r.of(isolated)) / warm / KIB,
                    perSlot, new Goal.None());
            m.add(perInstance);
            perInstanceBars.add(new Charts.Bar("isolated, per instance", r.label, perInstance.kumo()));
            perInstanceBars.add(new Charts.Bar("shared, per slot", r.label, perInstance.baseline()));
        }
        for (Reading r : Reading.values()) {
            m.add(new Measurement(NAME, r.key + "_per_deployed_function", "KiB",
                    (r.of(deployed) - r.of(idle)) / functions / KIB, Double.NaN, "none", new Goal.None()));
        }

        List<Charts.Bar> bars = new ArrayList<>();
        for (Stage s : stages) {
            for (Reading r : Reading.values()) {
                bars.add(new Charts.Bar(r.label, s.name(), r.of(s) / MIB));
            }
        }
        var stagesChart = Charts.bars(o.out().resolve("memory-stages.png"),
                "Forked Kumo server memory after full GC", "MiB", bars);
        var perInstance = Charts.bars(o.out().resolve("memory-per-instance.png"),
                "Memory per warm isolated instance vs per shared slot", "KiB", perInstanceBars);
        return new BenchOutcome(NAME, m, List.of(stagesChart, perInstance), notes);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
