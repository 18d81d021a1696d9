package dev.kumo.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActivationKeysTest {

    static Activation at(Instant start) {
        return new Activation(ActivationId.random(), "f", "1", ActivationStatus.SUCCESS, false, start, 1, 0, 0,
                128, 0, 0, Optional.empty(), Optional.empty(), List.of());
    }

    @Test
    void newerActivationsSortFirst() {
        var older = ActivationKeys.timeKey(at(Instant.parse("2025-01-01T00:00:00.000001Z")));
        var newer = ActivationKeys.timeKey(at(Instant.parse("2025-01-01T00:00:00.000002Z")));
        var ancient = ActivationKeys.timeKey(at(Instant.parse("1960-01-01T00:00:00Z")));

        assertThat(newer).isLessThan(older);
        assertThat(older).isLessThan(ancient);
    }

    @Test
    void keyEncodesStartAndId() {
        var a = at(Instant.parse("2025-06-01T12:00:00.123456789Z"));
        var key = ActivationKeys.timeKey(a);

        assertThat(key).hasSize(48);
        assertThat(ActivationKeys.isTimeKey(key)).isTrue();
        assertThat(ActivationKeys.id(key)).isEqualTo(a.id().value());
        assertThat(ActivationKeys.startMicros(key)).isEqualTo(ActivationKeys.micros(a.start()));
        assertThat(ActivationKeys.micros(a.start())).isEqualTo(1_748_779_200_123_456L);
    }
}
