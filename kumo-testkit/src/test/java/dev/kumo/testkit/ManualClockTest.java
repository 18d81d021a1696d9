package dev.kumo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    private static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");

    @Test
    void standsStillUntilMoved() {
        var clock = ManualClock.at(T0);
        assertThat(clock.instant()).isEqualTo(T0);
        assertThat(clock.instant()).isEqualTo(T0);
        assertThat(clock.millis()).isEqualTo(T0.toEpochMilli());
    }

    @Test
    void epochStartsAtEpoch() {
        assertThat(ManualClock.epoch().instant()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void advanceMovesForwardAndReturnsNewInstant() {
        var clock = ManualClock.at(T0);
        assertThat(clock.advance(Duration.ofMinutes(10))).isEqualTo(T0.plusSeconds(600));
        assertThat(clock.advance(Duration.ZERO)).isEqualTo(T0.plusSeconds(600));
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(600));
    }

    @Test
    void advanceRejectsNegativeStep() {
        var clock = ManualClock.at(T0);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        assertThat(clock.instant()).isEqualTo(T0);
    }

    @Test
    void setMovesEitherWay() {
        var clock = ManualClock.at(T0);
        clock.set(T0.plusSeconds(5));
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(5));
        clock.set(T0.minusSeconds(5));
        assertThat(clock.instant()).isEqualTo(T0.minusSeconds(5));
    }

    @Test
    void concurrentAdvancesAreNotLost() throws Exception {
        var clock = ManualClock.epoch();
        var done = new ArrayList<Future<?>>();
        try (var threads = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory())) {
            for (int t = 0; t < 8; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        clock.advance(Duration.ofMillis(1));
                    }
                }));
            }
            for (var future : done) {
                future.get();
            }
        }
        assertThat(clock.instant()).isEqualTo(Instant.EPOCH.plusMillis(80_000));
    }
}
