package dev.kumo.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.policies.HybridHistogramKeepAlive.Basis;
import dev.kumo.spi.keepalive.KeepAliveWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Properties of the window math over arbitrary idle-time distributions. */
class HybridHistogramWindowPropertiesTest {

    private static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");
    private static final long RANGE_SECONDS = 4 * 3600;

    /** Replays back-to-back zero-length invocations separated by {@code idleSeconds}; returns the last window. */
    private static KeepAliveWindow replay(HybridHistogramKeepAlive policy, List<Long> idleSeconds) {
        var t = T0;
        policy.recordInvocation("app", t, t);
        for (long idle : idleSeconds) {
            t = t.plusSeconds(idle);
            policy.recordInvocation("app", t, t);
        }
        return policy.window("app", t);
    }

    /** The nearest-rank percentile of the raw idle times. */
    private static Duration percentile(List<Long> idleSeconds, double p) {
        var sorted = idleSeconds.stream().sorted().toList();
        int rank = (int) Math.max(1, Math.ceil(p / 100 * sorted.size()));
        return Duration.ofSeconds(sorted.get(rank - 1));
    }

    @Property
    void windowsAreNeverNegative(
            @ForAll @Size(max = 80) List<@LongRange(min = 0, max = 3 * 24 * 3600) Long> idleSeconds) {
        var window = replay(HybridHistogramKeepAlive.ofDefaults(), idleSeconds);

        assertThat(window.prewarm()).isGreaterThanOrEqualTo(Duration.ZERO);
        assertThat(window.keepAlive()).isGreaterThanOrEqualTo(Duration.ZERO);
    }

    @Property
    void inRangeWindowCoversHeadToTail(
            @ForAll @Size(min = 1, max = 200) List<@LongRange(min = 0, max = RANGE_SECONDS - 1) Long> idleSeconds) {
        var policy = HybridHistogramKeepAlive.ofDefaults();
        var window = replay(policy, idleSeconds);

        assertThat(window.prewarm()).isLessThanOrEqualTo(percentile(idleSeconds, 5));
        assertThat(window.prewarm().plus(window.keepAlive())).isGreaterThanOrEqualTo(percentile(idleSeconds, 99));
        assertThat(policy.basis("app")).isNotEqualTo(Basis.FORECAST);
    }

    @Property
    void histogramWindowIsWholeMinutesWithinTheMargins(
            @ForAll @IntRange(min = 0, max = 239) int minute,
            @ForAll @IntRange(min = 0, max = 59) int second,
            @ForAll @IntRange(min = 10, max = 40) int repeats) {
        var idle = (long) minute * 60 + second;
        var window = replay(HybridHistogramKeepAlive.ofDefaults(), Collections.nCopies(repeats, idle));
        var end = window.prewarm().plus(window.keepAlive());

        assertThat(window.prewarm().toSeconds() % 60).isZero();
        assertThat(end.toSeconds() % 60).isZero();
        assertThat(window.prewarm().toSeconds()).isBetween((long) Math.floor(0.9 * minute) * 60, 54L * minute);
        assertThat(end.toSeconds()).isBetween(66L * (minute + 1), 66L * (minute + 1) + 60);
    }

    @Property
    void forecastWindowIsEightyFiveToOneFifteenPercent(
            @ForAll @LongRange(min = RANGE_SECONDS, max = 30 * 24 * 3600) long idle,
            @ForAll @IntRange(min = 10, max = 30) int repeats) {
        var policy = HybridHistogramKeepAlive.ofDefaults();
        var window = replay(policy, Collections.nCopies(repeats, idle));

        assertThat(policy.basis("app")).isEqualTo(Basis.FORECAST);
        assertThat(window.prewarm()).isEqualTo(Duration.ofMillis(idle * 850));
        assertThat(window.keepAlive()).isEqualTo(Duration.ofMillis(idle * 300));
    }
}
