package dev.kumo.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionConfigTest {

    private static FunctionConfig config(String handler, int memoryMb, long timeoutMs, int concurrency, Tier tier) {
        return new FunctionConfig(handler, "java", memoryMb, timeoutMs, concurrency, 4, tier, Map.of(), null);
    }

    private static String field(Runnable r) {
        return catchThrowableOfType(InvalidRequestException.class, r::run).field();
    }

    @Test
    void acceptsLambdaBoundsAndDerivesLimits() {
        var shared = config("a.b.C", 10_240, 900_000, 16, Tier.SHARED);
        assertThat(shared.perInstanceConcurrency()).isEqualTo(16);
        assertThat(shared.maxInFlight()).isEqualTo(64);
        assertThat(config("C", 128, 1, 1, Tier.ISOLATED).maxInFlight()).isEqualTo(4);
        assertThat(shared.description()).isEmpty();
    }

    @Test
    void namesTheFieldOutOfBounds() {
        assertThat(field(() -> config("a.B", 127, 1000, 1, Tier.ISOLATED))).isEqualTo("memoryMb");
        assertThat(field(() -> config("a.B", 10_241, 1000, 1, Tier.ISOLATED))).isEqualTo("memoryMb");
        assertThat(field(() -> config("a.B", 256, 900_001, 1, Tier.ISOLATED))).isEqualTo("timeoutMs");
        assertThat(field(() -> config("a.B", 256, 1000, 2, Tier.ISOLATED))).isEqualTo("concurrency");
        assertThat(field(() -> config("not a class", 256, 1000, 1, Tier.ISOLATED))).isEqualTo("handler");
        assertThat(field(() -> new FunctionConfig("a.B", "python", 256, 1000, 1, 1, Tier.ISOLATED, Map.of(), "")))
                .isEqualTo("runtime");
        assertThat(field(() -> new FunctionConfig("a.B", "java", 256, 1000, 1, 1, Tier.ISOLATED,
                Map.of("1BAD", "x"), ""))).isEqualTo("env");
        assertThat(field(() -> Tier.parse("gpu"))).isEqualTo("tier");
    }
}
