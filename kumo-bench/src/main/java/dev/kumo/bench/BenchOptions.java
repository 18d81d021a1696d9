package dev.kumo.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Command-line options of {@link BenchMain}.
 *
 * @param only            benchmarks to run; empty means all
 * @param duration        measured duration of each wrk run
 * @param out             output folder
 * @param connections     wrk connections
 * @param latencyRequests measured requests of warm-latency (after a quarter as many warm-up requests), and
 *                        measured calls of each kind in call-hop
 * @param coldStarts      measured cold starts
 * @param functions       functions deployed by the memory benchmark
 * @param warmInstances   isolated instances warmed by the memory benchmark, and shared slots filled
 * @param workers         java functions (process tier, and the isolated baseline) deployed by process-memory
 */
record BenchOptions(Set<String> only, Duration duration, Path out, int connections, int latencyRequests,
                    int coldStarts, int functions, int warmInstances, int workers) {

    static final String USAGE = """
            usage: BenchMain [--only NAME[,NAME]] [--duration 10s] [--out bench-results/]
                             [--connections 64] [--requests 20000] [--cold-starts 100]
                             [--functions 1000] [--warm 100] [--workers 50]
              NAME: warm-throughput, warm-latency, call-hop, cold-start, async-enqueue, async-drain, memory, twin,
                    workflow-fanout, cold-start-process, warm-process, process-memory
                    (repeat --only or comma-separate)
              durations: 500ms, 10s, 1m (a bare number is seconds)""";

    /** Validates ranges. */
    BenchOptions {
        only = Set.copyOf(only);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        if (connections < 1 || latencyRequests < 1 || coldStarts < 1 || functions < 1 || warmInstances < 1
                || workers < 1) {
            throw new IllegalArgumentException("counts must be at least 1");
        }
        if (warmInstances > functions) {
            throw new IllegalArgumentException("--warm cannot exceed --functions");
        }
    }

    /** The defaults: everything, 10 s wrk runs, about four minutes in all on two cores. */
    static BenchOptions defaults() {
        return new BenchOptions(Set.of(), Duration.ofSeconds(10), Path.of("bench-results"), 64, 20_000, 100,
                1_000, 100, 50);
    }

    /** Parses arguments; throws {@link IllegalArgumentException} with a message on bad input. */
    static BenchOptions parse(String... args) {
        BenchOptions d = defaults();
        Set<String> only = new LinkedHashSet<>();
        Duration duration = d.duration;
        Path out = d.out;
        int connections = d.connections;
        int requests = d.latencyRequests;
        int coldStarts = d.coldStarts;
        int functions = d.functions;
        int warm = d.warmInstances;
        int workers = d.workers;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            int eq = arg.indexOf('=');
            String flag = eq >= 0 ? arg.substring(0, eq) : arg;
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            switch (flag) {
                case "--only" -> {
                    for (String name : value.split(",")) {
                        only.add(name.strip());
                    }
                }
                case "--duration" -> duration = parseDuration(value);
                case "--out" -> out = Path.of(value);
                case "--connections" -> connections = positive(flag, value);
                case "--requests" -> requests = positive(flag, value);
                case "--cold-starts" -> coldStarts = positive(flag, value);
                case "--functions" -> functions = positive(flag, value);
                case "--warm" -> warm = positive(flag, value);
                case "--workers" -> workers = positive(flag, value);
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
            }
        }
        return new BenchOptions(only, duration, out, connections, requests, coldStarts, functions, warm, workers);
    }

    /** Whether the named benchmark was selected. */
    boolean selected(String name) {
        return only.isEmpty() || only.contains(name);
    }

    /** Parses {@code 500ms}, {@code 10s}, {@code 2m} or a bare number of seconds. */
    static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad duration '" + text + "', expected e.g. 10s, 500ms, 1m", e);
        }
    }

    private static int positive(String flag, String value) {
        try {
            int n = Integer.parseInt(value.strip().replace("_", "").replace(",", ""));
            if (n < 1) {
                throw new IllegalArgumentException(flag + " must be at least 1");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, got '" + value + "'", e);
        }
    }
}
