package dev.kumo.bench;

/** One benchmark: runs Kumo and its baseline in the same run and returns both numbers. */
interface Benchmark {

    /** Name used by {@code --only} and in the results, e.g. {@code warm-latency}. */
    String name();

    /** One line on what is measured against what. */
    String description();

    /**
     * Runs the benchmark.
     *
     * @throws Exception on infrastructure failure (a server that does not start, wrk missing); the
     *                   runner records it and goes on with the next benchmark
     */
    BenchOutcome run(BenchContext ctx) throws Exception;
}
