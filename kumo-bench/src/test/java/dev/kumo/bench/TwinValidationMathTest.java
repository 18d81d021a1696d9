package dev.kumo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kumo.sim.trace.InvocationListTrace;
import dev.kumo.sim.trace.TraceApp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwinValidationMathTest {

    private static final long MIN = 60_000;
    private static final TimeCompression AT_60X = new TimeCompression(60);

    @Test
    void compressionDividesTimeAndScalesMemoryTimeBack() {
        assertThat(AT_60X.wallMs(10 * MIN)).isEqualTo(10_000.0);
        assertThat(AT_60X.wall(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(1));
        // 1024 MB held for 1 wall second at 60x is 60 trace GB-s.
        assertThat(AT_60X.traceGbS(1024 * 1000.0)).isCloseTo(60.0, within(1e-9));
        assertThatThrownBy(() -> new TimeCompression(0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void policySpecsAreCompressedConsistently() {
        assertThat(AT_60X.policySpec("fixed:10m")).isEqualTo("fixed:10s");
        assertThat(AT_60X.policySpec("fixed")).isEqualTo("fixed:10s");
        assertThat(new TimeCompression(20).policySpec("fixed:10m")).isEqualTo("fixed:30s");
        assertThat(AT_60X.policySpec("hybrid-histogram")).isEqualTo("hybrid-histogram:bin=1s,range=4m");
        assertThat(AT_60X.policySpec("hybrid-histogram:range=2h,tail=99.5"))
                .isEqualTo("hybrid-histogram:range=2m,tail=99.5,bin=1s");
        assertThatThrownBy(() -> AT_60X.policySpec("lru")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimeCompression(1e6).policySpec("fixed:1s"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sliceKeepsTheBusiestAppsUnderTheRateCapWithinTheWindow() {
        var apps = List.of(new TraceApp("quiet", 64), new TraceApp("busy", 300.4), new TraceApp("huge", 20_000),
                new TraceApp("medium", 512));
        // Window: minutes 1-2 (60 s of trace), at 60x = 2 wall seconds; cap 3/s -> at most 6 invocations.
        int[] app = {1, 0, 1, 1, 3, 3, 2, 2, 2, 2, 2, 2, 2, 1};
        long[] start = {MIN - 1, MIN, MIN + 1, MIN + 2, MIN + 3, MIN + 4, MIN, MIN, MIN, MIN, MIN, MIN, MIN,
            3 * MIN};
        long[] duration = new long[app.length];
        java.util.Arrays.fill(duration, 100);
        var trace = InvocationListTrace.of(apps, app, start, duration);

        var slice = TraceSlice.select(trace, 1, new TraceSlice.Selection(1, 2, 2, 3, AT_60X));

        assertThat(slice.apps()).extracting(TraceApp::name).containsExactly("busy", "medium");
        assertThat(slice.apps()).extracting(TraceApp::memoryMb).containsExactly(300.0, 512.0);
        assertThat(slice.app()).containsExactly(0, 0, 1, 1);
        assertThat(slice.startMs()).containsExactly(1, 2, 3, 4);
        assertThat(slice.horizonMs()).isEqualTo(104);
        assertThat(TraceSlice.clampMemory(20_000)).isEqualTo(10_240);
        assertThat(TraceSlice.clampMemory(10)).isEqualTo(128);
    }

    @Test
    void busyMemoryTimeCountsOverlappingInvocationsOnce() {
        var apps = List.of(new TraceApp("a", 1024));
        var slice = new TraceSlice(apps, new int[] {0, 0, 0}, new long[] {0, 500, 3000},
                new long[] {1000, 1000, 1000});
        // Busy 0-1.5 s and 3-4 s: 2.5 s at 1 GB.
        assertThat(slice.busyGbS()).isCloseTo(2.5, within(1e-9));
    }

    @Test
    void relativeErrorIsSignedAgainstTheMeasurement() {
        assertThat(TwinComparison.relativeError(100, 110)).isCloseTo(0.10, within(1e-12));
        assertThat(TwinComparison.relativeError(100, 80)).isCloseTo(-0.20, within(1e-12));
        assertThat(TwinComparison.relativeError(0, 0)).isZero();
        assertThat(TwinComparison.relativeError(0, 3)).isNaN();
        assertThat(new Goal.RatioWithin(0.1).judge(new Measurement("twin", "m", "count", 100, 95, "sim",
                new Goal.RatioWithin(0.1)))).isEqualTo(Goal.Verdict.PASS);
        assertThat(new Goal.RatioWithin(0.1).judge(new Measurement("twin", "m", "count", 100, 80, "sim",
                new Goal.RatioWithin(0.1)))).isEqualTo(Goal.Verdict.FAIL);
    }
}
