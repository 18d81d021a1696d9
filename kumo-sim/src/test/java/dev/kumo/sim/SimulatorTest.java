package dev.kumo.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kumo.sim.trace.InvocationListTrace;
import dev.kumo.sim.trace.TraceApp;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    private static final long MIN = 60_000;
    private static final List<TraceApp> ONE_GB_APP = List.of(new TraceApp("a", 1024));

    private static InvocationListTrace oneApp(long durationMs, long... startMs) {
        return InvocationListTrace.of(ONE_GB_APP, new int[startMs.length], startMs,
                java.util.stream.LongStream.of(startMs).map(s -> durationMs).toArray());
    }

    @Test
    void fixedTenMinutesOnMinutesZeroFiveThirtyHasTwoColdStarts() {
        var result = Simulator.run("fixed:10m", oneApp(1000, 0, 5 * MIN, 30 * MIN), 1, Progress.none());

        assertThat(result.coldStarts()).isEqualTo(2);
        assertThat(result.warmStarts()).isEqualTo(1);
        // idle 1 s..300 s (299 s), then 301 s..901 s (600 s, unloaded by keep-alive); 1 GB each second
        assertThat(result.wastedMemoryGbS()).isCloseTo(899.0, within(1e-9));
        assertThat(result.coldStartPctP75()).isCloseTo(200.0 / 3, within(1e-9));
        assertThat(result.prewarms()).isZero();
    }

    @Test
    void prewarmUnloadsAtOnceAndReloadsBeforeTheNextArrival() {
        var result = Simulator.run("window:5m/10m", oneApp(1000, 0, 6 * MIN), 1, Progress.none());

        assertThat(result.coldStarts()).isEqualTo(1);
        assertThat(result.prewarmedStarts()).isEqualTo(1);
        assertThat(result.warmStarts()).isZero();
        // loaded again at 301 s, used at 360 s; the second pre-warm (661 s) lies past the trace's end (361 s)
        assertThat(result.prewarms()).isEqualTo(1);
        assertThat(result.wastedMemoryGbS()).isCloseTo(59.0, within(1e-9));
    }

    @Test
    void arrivalAfterThePrewarmedInstanceExpiredIsCold() {
        var result = Simulator.run("window:1m/2m", oneApp(0, 0, 10 * MIN), 1, Progress.none());

        assertThat(result.coldStarts()).isEqualTo(2);
        assertThat(result.prewarms()).isEqualTo(1);
        assertThat(result.wastedMemoryGbS()).isCloseTo(120.0, within(1e-9));
    }

    @Test
    void overlappingInvocationsShareOneInstanceAndWasteNothingWhileBusy() {
        var result = Simulator.run("fixed:1m", oneApp(10_000, 0, 5_000), 1, Progress.none());

        assertThat(result.coldStarts()).isEqualTo(1);
        assertThat(result.warmStarts()).isEqualTo(1);
        // busy 0..15 s; idle from 15 s to the trace's end (15 s): nothing wasted
        assertThat(result.wastedMemoryGbS()).isZero();
    }

    @Test
    void wasteStopsAtTheEndOfTheTraceAndAppsAreIndependent() {
        var apps = List.of(new TraceApp("a", 512), new TraceApp("b", 2048));
        var trace = InvocationListTrace.of(apps, new int[] {0, 1, 0}, new long[] {0, MIN, 3 * MIN},
                new long[] {0, 0, 0});

        var result = Simulator.run("fixed:0s", trace, 1, Progress.none());

        assertThat(result.apps()).isEqualTo(2);
        assertThat(result.coldStarts()).isEqualTo(3);
        assertThat(result.appColdStartPct()).containsExactly(100.0, 100.0);
        assertThat(result.wastedMemoryGbS()).isZero();
    }

    @Test
    void implicitReferenceIsAddedAndNormalizesWaste() {
        var summary = PolicyComparison.run(List.of("fixed:20m"), oneApp(1000, 0, 15 * MIN), 1,
                spec -> Progress.none());

        assertThat(summary.results()).extracting(PolicyResult::policy).containsExactly("fixed:20m", "fixed:10m");
        assertThat(summary.referenceImplicit()).isTrue();
        // fixed:20m: idle 899 s; fixed:10m: idle 600 s then cold at 900 s
        assertThat(summary.normalizedWaste(summary.results().getFirst())).isCloseTo(899.0 / 600, within(1e-9));
        assertThat(summary.csvLines().get(2)).endsWith(",implicit");
        assertThat(summary.csvLines().getFirst()).startsWith(
                "policy,apps,invocations,cold_starts,cold_start_pct_median,cold_start_pct_p75,wasted_memory_gb_s,prewarms");
    }
}
