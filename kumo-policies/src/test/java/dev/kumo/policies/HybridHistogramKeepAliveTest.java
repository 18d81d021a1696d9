package dev.kumo.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.policies.HybridHistogramKeepAlive.Basis;
import dev.kumo.spi.keepalive.KeepAlivePolicy;
import dev.kumo.spi.keepalive.KeepAliveWindow;
import dev.kumo.testkit.KeepAlivePolicyConformance;
import dev.kumo.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HybridHistogramKeepAliveTest extends KeepAlivePolicyConformance {

    private static final String APP = "report-v2";
    private static final KeepAliveWindow STANDARD = KeepAliveWindow.keepFor(Duration.ofHours(4));

    private final ManualClock clock = ManualClock.at(Instant.parse("2025-03-03T08:00:00Z"));
    /** The paper's policy exactly; Kumo's default fallback is covered by {@code ObservedFallbackKeepAliveTest}. */
    private final HybridHistogramKeepAlive policy = HybridHistogramKeepAlive.of(HybridHistogramParameters.paper());

    @Override
    protected KeepAlivePolicy newPolicy() {
        return HybridHistogramKeepAlive.of(HybridHistogramParameters.paper());
    }

    /** Runs an invocation of {@code duration} now, then moves the clock past it by {@code idle}. */
    private KeepAliveWindow invokeThenIdle(Duration duration, Duration idle) {
        var start = clock.instant();
        var end = clock.advance(duration);
        policy.recordInvocation(APP, start, end);
        var window = policy.window(APP, end);
        clock.advance(idle);
        return window;
    }

    @Test
    void unobservedAppGetsStandardKeepAlive() {
        assertThat(policy.window("never-seen-v1", clock.instant())).isEqualTo(STANDARD);
        assertThat(policy.basis("never-seen-v1")).isEqualTo(Basis.TOO_FEW);
    }

    @Test
    void periodicAppLearnsToPrewarmBeforeItsNextArrival() {
        var duration = Duration.ofSeconds(2);
        var idle = Duration.ofMinutes(10).minus(duration);
        for (int i = 0; i < 10; i++) {
            assertThat(invokeThenIdle(duration, idle)).as("window %d, %d idle times seen", i, i).isEqualTo(STANDARD);
        }
        var learned = invokeThenIdle(duration, idle);

        assertThat(policy.basis(APP)).isEqualTo(Basis.HISTOGRAM);
        // Idle 9m58s lands in bin [9m, 10m): pre-warm floor(0.9 x 9m) = 8m, end ceil(1.1 x 10m) = 11m.
        assertThat(learned).isEqualTo(new KeepAliveWindow(Duration.ofMinutes(8), Duration.ofMinutes(3)));
        assertThat(learned.prewarm()).isLessThan(idle);
        assertThat(learned.prewarm().plus(learned.keepAlive())).isGreaterThan(idle);
    }

    @Test
    void periodicAppWithInstantInvocationsPrewarmsAtNineMinutes() {
        for (int i = 0; i < 12; i++) {
            invokeThenIdle(Duration.ZERO, Duration.ofMinutes(10));
        }
        var window = policy.window(APP, clock.instant());

        // Idle exactly 10m lands in bin [10m, 11m): pre-warm 9m, end ceil(1.1 x 11m) = 13m.
        assertThat(window).isEqualTo(new KeepAliveWindow(Duration.ofMinutes(9), Duration.ofMinutes(4)));
    }

    @Test
    void tooFewObservationsFallBackToStandard() {
        for (int i = 0; i < 9; i++) {
            invokeThenIdle(Duration.ofSeconds(1), Duration.ofMinutes(5));
        }
        policy.recordInvocation(APP, clock.instant(), clock.instant());

        assertThat(policy.basis(APP)).isEqualTo(Basis.TOO_FEW);
        assertThat(policy.window(APP, clock.instant())).isEqualTo(STANDARD);

        policy.recordInvocation(APP, clock.advance(Duration.ofMinutes(5)), clock.instant());
        assertThat(policy.basis(APP)).as("the tenth idle time").isEqualTo(Basis.HISTOGRAM);
    }

    @Test
    void flatHistogramFallsBackToStandard() {
        // One idle time in each of minutes 0..119: CV = sqrt(240 / 120 - 1) = 1 < 2.
        for (int minute = 0; minute < 120; minute++) {
            invokeThenIdle(Duration.ZERO, Duration.ofMinutes(minute).plusSeconds(30));
        }
        policy.recordInvocation(APP, clock.instant(), clock.instant());

        assertThat(policy.basis(APP)).isEqualTo(Basis.FLAT);
        assertThat(policy.window(APP, clock.instant())).isEqualTo(STANDARD);
    }

    @Test
    void mostlyOutOfBoundIdleTimesUseTheForecast() {
        for (int i = 0; i < 12; i++) {
            invokeThenIdle(Duration.ZERO, Duration.ofHours(6));
        }
        var window = policy.window(APP, clock.instant());

        assertThat(policy.basis(APP)).isEqualTo(Basis.FORECAST);
        // Forecast 6h: window [0.85 x 6h, 1.15 x 6h].
        assertThat(window).isEqualTo(new KeepAliveWindow(Duration.ofMinutes(306), Duration.ofMinutes(108)));
    }

    @Test
    void halfOutOfBoundsIsNotYetMany() {
        for (int i = 0; i < 10; i++) {
            invokeThenIdle(Duration.ZERO, i % 2 == 0 ? Duration.ofHours(5) : Duration.ofMinutes(30));
        }
        policy.recordInvocation(APP, clock.instant(), clock.instant());

        assertThat(policy.basis(APP)).isEqualTo(Basis.HISTOGRAM);
        assertThat(policy.window(APP, clock.instant()))
                .isEqualTo(new KeepAliveWindow(Duration.ofMinutes(27), Duration.ofMinutes(35 - 27)));
    }

    @Test
    void overlappingInvocationsAddNoIdleTime() {
        var t = clock.instant();
        for (int i = 0; i < 20; i++) {
            policy.recordInvocation(APP, t.plusSeconds(i), t.plusSeconds(i + 30));
        }
        assertThat(policy.basis(APP)).isEqualTo(Basis.TOO_FEW);
    }

    @Test
    void windowDoesNotDependOnNow() {
        for (int i = 0; i < 12; i++) {
            invokeThenIdle(Duration.ofSeconds(1), Duration.ofMinutes(20));
        }
        var now = clock.instant();
        assertThat(policy.window(APP, now.plus(Duration.ofDays(2)))).isEqualTo(policy.window(APP, now));
    }

    @Test
    void printsItsSpec() {
        assertThat(policy).hasToString("hybrid-histogram:fallback=range");
        assertThat(HybridHistogramKeepAlive.of(HybridHistogramParameters.parse("range=2h,min=20")))
                .hasToString("hybrid-histogram:range=2h;min=20");
    }
}
