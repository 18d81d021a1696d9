package dev.kumo.async.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void doublesPerRetryUpToTheCap() {
        assertThat(backoff.delay(1, 0.999_999)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
        assertThat(backoff.delay(2, 0.999_999)).isBetween(Duration.ofMillis(1_999), Duration.ofSeconds(2));
        assertThat(backoff.delay(4, 0.999_999)).isBetween(Duration.ofMillis(7_999), Duration.ofSeconds(8));
        assertThat(backoff.delay(20, 0.999_999)).isBetween(Duration.ofSeconds(299), Duration.ofMinutes(5));
        assertThat(backoff.delay(1_000, 0.999_999)).isBetween(Duration.ofSeconds(299), Duration.ofMinutes(5));
    }

    @Test
    void jitterKeepsAtLeastHalf() {
        assertThat(backoff.delay(3, 0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(3, 0.5)).isEqualTo(Duration.ofSeconds(3));
        for (int i = 0; i < 1_000; i++) {
            assertThat(backoff.delay(3)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        }
    }
}
