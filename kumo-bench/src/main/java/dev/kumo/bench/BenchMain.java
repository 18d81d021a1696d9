package dev.kumo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one entry point of the benchmarks:
 * {@code BenchMain [--only NAME] [--duration 10s] [--out bench-results/]}. Runs the selected benchmarks,
 * each of which measures Kumo and its baseline in this same run, prints progress, and writes
 * {@code results.csv}, {@code results.json}, {@code summary.md} and PNG charts into the output folder.
 * Exits 1 when a benchmark could not run (goals missed are reported, not failed).
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** The benchmarks in the order they run: the HTTP ones share one Kumo process, memory forks its own. */
    static List<Benchmark> all() {
        return List.of(new WarmThroughput(), new WarmLatency(), new CallHop(), new ColdStart(), new AsyncEnqueue(),
                new AsyncDrain(), new WorkflowFanout(), new Memory(), new TwinValidation(), new ColdStartProcess(),
                new WarmProcess(), new ProcessMemory());
    }

    /**
     * Runs the benchmarks.
     *
     * @param args see {@link BenchOptions#USAGE}
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        List<String> known = all().stream().map(Benchmark::name).toList();
        for (String name : options.only()) {
            if (!known.contains(name)) {
                System.err.println("unknown benchmark '" + name + "'; known: " + String.join(", ", known));
                System.exit(2);
            }
        }
        Instant started = Instant.now();
        var progress = new Progress(System.out, System.nanoTime());
        Files.createDirectories(options.out());
        RunInfo info = RunInfo.current(started);
        progress.say("bench", "machine: " + info.describe());
        List<BenchOutcome> outcomes = new ArrayList<>();
        try (var ctx = new BenchContext(options, progress)) {
            for (Benchmark b : all()) {
                if (!options.selected(b.name())) {
                    continue;
                }
                progress.say(b.name(), "start: " + b.description());
                try {
                    outcomes.add(b.run(ctx));
                    progress.say(b.name(), "done");
                } catch (Exception | LinkageError e) {
                    progress.say(b.name(), "FAILED: " + e);
                    e.printStackTrace(System.err);
                    outcomes.add(BenchOutcome.failed(b.name(), e));
                }
            }
        }
        List<Path> files = ResultFiles.write(options.out(), info, options, outcomes);
        printGoals(outcomes);
        List<Path> charts = outcomes.stream().flatMap(o -> o.charts().stream()).toList();
        progress.say("bench", "wrote " + files.stream().map(Path::toString).collect(Collectors.joining(", ")));
        progress.say("bench", "charts " + charts.stream().map(Path::toString).collect(Collectors.joining(", ")));
        boolean failed = outcomes.stream().anyMatch(o -> o.notes().stream().anyMatch(n -> n.startsWith("FAILED")));
        System.exit(failed ? 1 : 0);
    }

    private static void printGoals(List<BenchOutcome> outcomes) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-16s %-42s %14s %14s %8s  %-16s %s%n", "benchmark", "metric", "kumo",
                "baseline", "ratio", "goal", "verdict");
        for (BenchOutcome o : outcomes) {
            for (Measurement m : o.measurements()) {
                System.out.printf(Locale.ROOT, "%-16s %-42s %14s %14s %8s  %-16s %s%n", m.benchmark(), m.metric(),
                        Measurement.format(m.kumo()) + " " + m.unit(), Measurement.format(m.baseline()),
                        Double.isNaN(m.ratio()) ? "n/a" : String.format(Locale.ROOT, "%.2fx", m.ratio()),
                        m.goal().describe(), m.verdict() == Goal.Verdict.NONE ? "" : m.verdict());
            }
            o.notes().forEach(n -> System.out.println("  note (" + o.benchmark() + "): " + n));
        }
        System.out.println();
    }
}
