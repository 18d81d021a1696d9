package dev.kumo.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kumo.sim.trace.TraceFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the real shared 8-hour sample end to end (skipped where the shared data is not checked out beside the repo). */
class SampleTraceTest {

    private static final Path SAMPLE = Path.of("../../shared/data/azure-functions-2019");

    @Test
    void fixedTenMinutesOnTheSharedSampleHasSaneTotals() {
        assumeTrue(Files.isRegularFile(SAMPLE.resolve("invocations.csv")), "shared sample absent");
        var trace = TraceFormat.AUTO.read(SAMPLE);

        var summary = PolicyComparison.run(List.of("fixed:10m", "fixed:60m"), trace, 1, spec -> Progress.none());

        var ten = summary.results().getFirst();
        var sixty = summary.results().getLast();
        assertThat(summary.referenceImplicit()).isFalse();
        assertThat(ten.invocations()).isEqualTo(3_037_902);
        assertThat(ten.apps()).isEqualTo(476);
        assertThat(ten.coldStarts()).isBetween(476L, 3_037_902L / 100);
        assertThat(ten.wastedMemoryGbS()).isPositive();
        assertThat(sixty.coldStarts()).isLessThan(ten.coldStarts());
        assertThat(sixty.wastedMemoryGbS()).isGreaterThan(ten.wastedMemoryGbS());
        assertThat(summary.normalizedWaste(ten)).isEqualTo(1.0);
    }
}
