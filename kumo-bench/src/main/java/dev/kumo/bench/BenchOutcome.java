package dev.kumo.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What one benchmark produced.
 *
 * @param benchmark    benchmark name
 * @param measurements numbers for Kumo and its baseline
 * @param charts       chart files written into the output folder
 * @param notes        caveats worth reading next to the numbers (errors seen, non-2xx answers)
 */
record BenchOutcome(String benchmark, List<Measurement> measurements, List<Path> charts, List<String> notes) {

    /** Copies the lists. */
    BenchOutcome {
        measurements = List.copyOf(measurements);
        charts = List.copyOf(charts);
        notes = List.copyOf(notes);
    }

    /** The outcome of a benchmark that could not run. */
    static BenchOutcome failed(String benchmark, Throwable cause) {
        String why = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new BenchOutcome(benchmark, List.of(), List.of(), List.of("FAILED: " + why));
    }
}
