package dev.kumo.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AliasTest {

    private static Alias alias(Map<String, Double> weights) {
        return new Alias("fn", "live", "1", weights, "", Instant.EPOCH);
    }

    @Test
    void routesByCumulativeWeight() {
        var canary = alias(Map.of("2", 0.25));
        assertThat(canary.route(0.0)).isEqualTo("2");
        assertThat(canary.route(0.2499)).isEqualTo("2");
        assertThat(canary.route(0.25)).isEqualTo("1");
        assertThat(canary.route(0.99)).isEqualTo("1");
        assertThat(alias(Map.of()).route(0.0)).isEqualTo("1");
    }

    @Test
    void invalidWeightsNameTheField() {
        var tooMany = catchThrowableOfType(InvalidRequestException.class, () -> alias(Map.of("2", 0.1, "3", 0.1)));
        assertThat(tooMany.field()).isEqualTo("additionalVersionWeights");
        var outOfRange = catchThrowableOfType(InvalidRequestException.class, () -> alias(Map.of("2", 1.5)));
        assertThat(outOfRange.field()).isEqualTo("additionalVersionWeights");
        var samePrimary = catchThrowableOfType(InvalidRequestException.class, () -> alias(Map.of("1", 0.5)));
        assertThat(samePrimary.getMessage()).contains("differ");
        var allDigits = catchThrowableOfType(InvalidRequestException.class,
                () -> new Alias("fn", "123", "1", Map.of(), "", Instant.EPOCH));
        assertThat(allDigits.field()).isEqualTo("alias");
    }
}
