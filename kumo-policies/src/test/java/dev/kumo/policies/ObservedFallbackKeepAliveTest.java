package dev.kumo.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.policies.HybridHistogramKeepAlive.Basis;
import dev.kumo.policies.HybridHistogramParameters.Fallback;
import dev.kumo.spi.keepalive.KeepAlivePolicies;
import dev.kumo.spi.keepalive.KeepAlivePolicy;
import dev.kumo.spi.keepalive.KeepAliveWindow;
import dev.kumo.testkit.KeepAlivePolicyConformance;
import dev.kumo.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Kumo's variant, {@code hybrid-histogram:fallback=observed}: learning and flat windows from what was seen. */
class ObservedFallbackKeepAliveTest extends KeepAlivePolicyConformance {

    private static final String APP = "nightly-sync-v4";
    private static final KeepAliveWindow STANDARD = KeepAliveWindow.keepFor(Duration.ofHours(4));

    private final ManualClock clock = ManualClock.at(Instant.parse("2025-03-03T08:00:00Z"));
    private final HybridHistogramKeepAlive policy = observed();

    private static HybridHistogramKeepAlive observed() {
        return HybridHistogramKeepAlive.of(HybridHistogramParameters.defaults().withFallback(Fallback.OBSERVED));
    }

    @Override
    protected KeepAlivePolicy newPolicy() {
        return observed();
    }

    /** Runs a zero-length invocation now, then moves the clock on by {@code idle}. */
    private void invokeThenIdle(Duration idle) {
        policy.recordInvocation(APP, clock.instant(), clock.instant());
        clock.advance(idle);
    }

    private KeepAliveWindow invokeNow() {
        policy.recordInvocation(APP, clock.instant(), clock.instant());
        return policy.window(APP, clock.instant());
    }

    @Test
    void beforeAnyIdleTimeKeepsTheWholeRange() {
        assertThat(invokeNow()).isEqualTo(STANDARD);
        assertThat(policy.window("never-seen-v1", clock.instant())).isEqualTo(STANDARD);
    }

    @Test
    void learningAppPrewarmsAtTheHeadAndKeepsTwiceTheLongestIdleTime() {
        invokeThenIdle(Duration.ofMinutes(30).plusSeconds(20));
        invokeThenIdle(Duration.ofMinutes(20).plusSeconds(5));
        var window = invokeNow();

        assertThat(policy.basis(APP)).isEqualTo(Basis.TOO_FEW);
        // Head: bin [20m, 21m) -> pre-warm floor(0.9 x 20) = 18m; end: 2 x upper edge of bin [30m, 31m) = 62m.
        assertThat(window).isEqualTo(new KeepAliveWindow(Duration.ofMinutes(18), Duration.ofMinutes(62 - 18)));
    }

    @Test
    void learningWindowIsCappedByTheRange() {
        invokeThenIdle(Duration.ofHours(3));
        var window = invokeNow();

        // Pre-warm floor(0.9 x 180) = 162m; 2 x 181m is past the range, so the window ends at 4h.
        assertThat(window).isEqualTo(new KeepAliveWindow(Duration.ofMinutes(162), Duration.ofMinutes(240 - 162)));
    }

    @Test
    void outOfBoundLongestIdleTimeKeepsUntilTheRange() {
        invokeThenIdle(Duration.ofMinutes(10));
        invokeThenIdle(Duration.ofHours(5));
        var window = invokeNow();

        assertThat(window).isEqualTo(new KeepAliveWindow(Duration.ofMinutes(9), Duration.ofMinutes(240 - 9)));
    }

    @Test
    void onlyOutOfBoundIdleTimesKeepTheWholeRange() {
        invokeThenIdle(Duration.ofHours(5));
        assertThat(invokeNow()).isEqualTo(STANDARD);
    }

    @Test
    void flatHistogramKeepsUntilTheObservedTailWithoutPrewarm() {
        // One idle time in each of minutes 0..119: CV = 1 < 2; the 99th percentile is in bin [118m, 119m).
        for (int minute = 0; minute < 120; minute++) {
            invokeThenIdle(Duration.ofMinutes(minute).plusSeconds(30));
        }
        var window = invokeNow();

        assertThat(policy.basis(APP)).isEqualTo(Basis.FLAT);
        assertThat(window).isEqualTo(KeepAliveWindow.keepFor(Duration.ofMinutes(131)));
    }

    @Test
    void learnedHistogramWindowIsThePapers() {
        var paper = HybridHistogramKeepAlive.of(HybridHistogramParameters.paper());
        var t = clock.instant();
        for (int i = 0; i <= 12; i++) {
            policy.recordInvocation(APP, t, t);
            paper.recordInvocation(APP, t, t);
            t = t.plus(Duration.ofMinutes(10));
        }

        assertThat(policy.basis(APP)).isEqualTo(Basis.HISTOGRAM);
        assertThat(policy.window(APP, t)).isEqualTo(paper.window(APP, t))
                .isEqualTo(new KeepAliveWindow(Duration.ofMinutes(9), Duration.ofMinutes(4)));
    }

    @Test
    void isCreatedBySpecAndPrintsIt() {
        var created = KeepAlivePolicies.create("hybrid-histogram:fallback=observed");

        assertThat(((HybridHistogramKeepAlive) created).parameters().fallback()).isEqualTo(Fallback.OBSERVED);
        assertThat(created).as("observed is the default").hasToString("hybrid-histogram");
        assertThat(KeepAlivePolicies.create("hybrid-histogram")).hasToString(created.toString());
        assertThat(policy).hasToString("hybrid-histogram");
    }
}
