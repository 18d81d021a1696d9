package dev.kumo.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdleTimeHistogramTest {

    private final IdleTimeHistogram histogram = new IdleTimeHistogram(Duration.ofMinutes(1), 240);

    private void add(int count, Duration idle) {
        for (int i = 0; i < count; i++) {
            histogram.add(idle);
        }
    }

    @Test
    void percentilesOfKnownHistogramUseNearestRank() {
        // 100 idle times: 5 in minute 2, 90 in minute 10, 5 in minute 30.
        add(5, Duration.ofSeconds(150));
        add(90, Duration.ofSeconds(630));
        add(5, Duration.ofSeconds(1830));

        assertThat(histogram.binOf(5)).isEqualTo(2);
        assertThat(histogram.binOf(6)).isEqualTo(10);
        assertThat(histogram.binOf(95)).isEqualTo(10);
        assertThat(histogram.binOf(96)).isEqualTo(30);
        assertThat(histogram.binOf(99)).isEqualTo(30);
        assertThat(histogram.binOf(0)).as("0th percentile is the first observation").isEqualTo(2);
        assertThat(histogram.binOf(100)).isEqualTo(30);
    }

    @Test
    void headReadsLowerEdgeAndTailUpperEdge() {
        add(20, Duration.ofSeconds(150));
        int bin = histogram.binOf(50);

        assertThat(histogram.lowerEdge(bin)).isEqualTo(Duration.ofMinutes(2));
        assertThat(histogram.upperEdge(bin)).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void binEdgesAreHalfOpen() {
        histogram.add(Duration.ofMinutes(1).minusNanos(1));
        histogram.add(Duration.ofMinutes(1));

        assertThat(histogram.binOf(50)).isZero();
        assertThat(histogram.binOf(51)).isEqualTo(1);
    }

    @Test
    void idleTimesFromRangeOnAreOutOfBoundsAndExcludedFromPercentiles() {
        histogram.add(Duration.ofHours(4).minusMillis(1));
        histogram.add(Duration.ofHours(4));
        histogram.add(Duration.ofDays(3));

        assertThat(histogram.total()).isEqualTo(3);
        assertThat(histogram.inRange()).isEqualTo(1);
        assertThat(histogram.outOfBounds()).isEqualTo(2);
        assertThat(histogram.binOf(99)).isEqualTo(239);
    }

    @Test
    void coefficientOfVariationOfSpikeAndEvenSpread() {
        assertThat(histogram.coefficientOfVariation()).as("empty").isZero();

        add(50, Duration.ofMinutes(10));
        assertThat(histogram.coefficientOfVariation()).isCloseTo(Math.sqrt(239), within(1e-9));

        var spread = new IdleTimeHistogram(Duration.ofMinutes(1), 240);
        for (int minute = 0; minute < 60; minute++) {
            spread.add(Duration.ofMinutes(minute));
        }
        // Evenly over k of B bins: sqrt(B / k - 1) = sqrt(3).
        assertThat(spread.coefficientOfVariation()).isCloseTo(Math.sqrt(3), within(1e-9));
    }
}
