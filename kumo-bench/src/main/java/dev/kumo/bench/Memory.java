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
 * {@code /proc/<pid>/status} (plus any child processes) and heap used from {@code /metrics}. Stages: idle
 * right after start (the baseline); 1,000 deployed isolated {@code Noop} functions; 100 of them warmed by one
 * invocation each; one shared-tier {@code Sleep} function with 100 concurrent slots in one instance, all
 * filled at once. The deltas give bytes per warm isolated instance and per shared slot.
 */
final class Memory implements Benchmark {

    static final String NAME = "memory";
    private static final double MIB = 1024 * 1024;
    private static final double KIB = 1024;

    /** Memory after one stage, in bytes. */
    private record Stage(String name, double rss, double heap) {
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
        try (var server = ForkedServer.start(BenchContext.freePort(), data, log, List.of(),
                List.of("--memory-budget-mb", Integer.toString(BenchContext.ADMISSION_BUDGET_MB)))) {
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
        double heap = PrometheusText.sum(api.metrics(), "jvm_memory_used_bytes", Map.of("area", "heap"));
        if (Double.isNaN(heap)) {
            heap = server.heapUsedFromJcmd().orElse(Double.NaN);
        }
        ctx.say(NAME, String.format(Locale.ROOT, "%-22s RSS %7.1f MiB, heap used %7.1f MiB", name, rss / MIB,
                heap / MIB));
        return new Stage(name, rss, heap);
    }

    private static BenchOutcome outcome(BenchOptions o, List<Stage> stages, int functions, int warm,
                                        List<String> notes) {
        Stage idle = stages.get(0);
        Stage deployed = stages.get(1);
        Stage isolated = stages.get(2);
        Stage shared = stages.get(3);
        String base = "idle server after start";
        List<Measurement> m = new ArrayList<>();
        m.add(new Measurement(NAME, "rss_idle", "MiB", idle.rss() / MIB, idle.rss() / MIB, base, new Goal.None()));
        m.add(new Measurement(NAME, "heap_used_idle", "MiB", idle.heap() / MIB, idle.heap() / MIB, base,
                new Goal.None()));
        for (Stage s : stages.subList(1, stages.size())) {
            String key = s.name().replace("+", "plus_").replace(' ', '_');
            m.add(new Measurement(NAME, "rss_" + key, "MiB", s.rss() / MIB, idle.rss() / MIB, base, new Goal.None()));
            m.add(new Measurement(NAME, "heap_used_" + key, "MiB", s.heap() / MIB, idle.heap() / MIB, base,
                    new Goal.None()));
        }
        String perSlot = "shared tier, per concurrent slot";
        var heapPerInstance = new Measurement(NAME, "heap_per_warm_isolated_instance", "KiB",
                (isolated.heap() - deployed.heap()) / warm / KIB, (shared.heap() - isolated.heap()) / warm / KIB,
                perSlot, new Goal.None());
        var rssPerInstance = new Measurement(NAME, "rss_per_warm_isolated_instance", "KiB",
                (isolated.rss() - deployed.rss()) / warm / KIB, (shared.rss() - isolated.rss()) / warm / KIB,
                perSlot, new Goal.None());
        m.add(heapPerInstance);
        m.add(rssPerInstance);
        m.add(new Measurement(NAME, "heap_per_deployed_function", "KiB",
                (deployed.heap() - idle.heap()) / functions / KIB, Double.NaN, "none", new Goal.None()));

        List<Charts.Bar> bars = new ArrayList<>();
        for (Stage s : stages) {
            bars.add(new Charts.Bar("RSS", s.name(), s.rss() / MIB));
            bars.add(new Charts.Bar("heap used", s.name(), s.heap() / MIB));
        }
        var stagesChart = Charts.bars(o.out().resolve("memory-stages.png"),
                "Forked Kumo server memory after full GC", "MiB", bars);
        var perInstance = Charts.bars(o.out().resolve("memory-per-instance.png"),
                "Memory per warm isolated instance vs per shared slot", "KiB", List.of(
                        new Charts.Bar("isolated, per instance", "heap", heapPerInstance.kumo()),
                        new Charts.Bar("shared, per slot", "heap", heapPerInstance.baseline()),
                        new Charts.Bar("isolated, per instance", "RSS", rssPerInstance.kumo()),
                        new Charts.Bar("shared, per slot", "RSS", rssPerInstance.baseline())));
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
