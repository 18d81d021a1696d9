package dev.kumo.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdleTimeForecasterTest {

    private static IdleTimeForecaster fed(int capacity, double... seconds) {
        var forecaster = new IdleTimeForecaster(capacity);
        for (double s : seconds) {
            forecaster.add(Duration.ofNanos(Math.round(s * 1e9)));
        }
        return forecaster;
    }

    private static double forecastSeconds(IdleTimeForecaster forecaster) {
        return forecaster.forecast().toNanos() / 1e9;
    }

    @Test
    void nothingObservedForecastsZero() {
        assertThat(new IdleTimeForecaster(8).forecast()).isZero();
    }

    @Test
    void singleValueForecastsItself() {
        assertThat(fed(8, 21_600).forecast()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void constantSeriesForecastsTheConstant() {
        assertThat(fed(16, 18_000, 18_000, 18_000, 18_000, 18_000).forecast()).isEqualTo(Duration.ofHours(5));
    }

    @Test
    void linearTrendIsExtrapolated() {
        // 5 h, 5.5 h, ... 9.5 h: next is 10 h.
        var forecaster = new IdleTimeForecaster(32);
        for (int i = 0; i < 10; i++) {
            forecaster.add(Duration.ofMinutes(300 + 30L * i));
        }
        assertThat(forecastSeconds(forecaster)).isCloseTo(36_000, offset(1e-3));
    }

    @Test
    void alternatingSeriesIsFollowed() {
        assertThat(forecastSeconds(fed(32, 14_400, 36_000, 14_400, 36_000, 14_400, 36_000, 14_400)))
                .isCloseTo(36_000, offset(1e-3));
        assertThat(forecastSeconds(fed(32, 14_400, 36_000, 14_400, 36_000, 14_400, 36_000)))
                .isCloseTo(14_400, offset(1e-3));
    }

    @Test
    void geometricGrowthIsFollowed() {
        assertThat(forecastSeconds(fed(32, 1_000, 2_000, 4_000, 8_000, 16_000)))
                .isCloseTo(32_000, offset(1e-3));
    }

    @Test
    void noiseAroundALevelForecastsNearTheLevel() {
        var random = new Random(42);
        var forecaster = new IdleTimeForecaster(64);
        for (int i = 0; i < 200; i++) {
            forecaster.add(Duration.ofSeconds(21_600 + random.nextInt(1_201) - 600));
        }
        assertThat(forecastSeconds(forecaster)).isBetween(21_000.0, 22_200.0);
    }

    @Test
    void onlyTheLastCapacityValuesCount() {
        var forecaster = new IdleTimeForecaster(4);
        for (int i = 0; i < 50; i++) {
            forecaster.add(Duration.ofSeconds(i % 2 == 0 ? 1 : 99_999));
        }
        for (int i = 0; i < 4; i++) {
            forecaster.add(Duration.ofHours(7));
        }
        assertThat(forecaster.forecast()).isEqualTo(Duration.ofHours(7));
    }

    @Test
    void forecastIsClampedToZeroAndTwiceTheLargest() {
        // A steep fall extrapolates below zero; a steep rise is capped at 2 x max.
        assertThat(fed(8, 40_000, 30_000, 20_000, 10_000, 0).forecast()).isZero();
        assertThat(fed(8, 1, 2, 100).forecast()).as("fit says 9704 s").isEqualTo(Duration.ofSeconds(200));
    }
}
