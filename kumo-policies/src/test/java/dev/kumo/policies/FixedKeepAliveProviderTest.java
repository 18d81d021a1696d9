package dev.kumo.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.spi.keepalive.KeepAlivePolicies;
import dev.kumo.spi.keepalive.KeepAlivePolicyProvider;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FixedKeepAliveProviderTest {

    private final FixedKeepAliveProvider provider = new FixedKeepAliveProvider();

    @Test
    void isNamedFixed() {
        assertThat(provider.name()).isEqualTo("fixed");
    }

    @Test
    void emptyArgumentKeepsTenMinutes() {
        assertThat(provider.create("")).isEqualTo(FixedKeepAlive.of(Duration.ofMinutes(10)));
    }

    @ParameterizedTest
    @CsvSource({"10m, PT10M", "30s, PT30S", "2h, PT2H", "500ms, PT0.5S", "15, PT15M", "PT10M, PT10M", "0, PT0S"})
    void parsesArgument(String argument, Duration expected) {
        assertThat(provider.create(argument)).isEqualTo(FixedKeepAlive.of(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten", "10x", "-5m", "PT-1M", "1.5m", "10M"})
    void badArgumentNamesTheSpec(String argument) {
        assertThatThrownBy(() -> provider.create(argument))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fixed:" + argument + "'");
    }

    @Test
    void isRegisteredWithServiceLoader() {
        assertThat(ServiceLoader.load(KeepAlivePolicyProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(FixedKeepAliveProvider.class);
    }

    @Test
    void createdBySpec() {
        assertThat(KeepAlivePolicies.create("fixed:5m")).isEqualTo(FixedKeepAlive.of(Duration.ofMinutes(5)));
        assertThat(KeepAlivePolicies.create("fixed")).isEqualTo(FixedKeepAlive.ofDefault());
    }

    @Test
    void badSpecArgumentFailsThroughLookup() {
        assertThatThrownBy(() -> KeepAlivePolicies.create("fixed:soon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fixed:soon");
    }

    @Test
    void unknownNameListsKnownOnes() {
        assertThatThrownBy(() -> KeepAlivePolicies.create("histogram:4h"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'histogram'")
                .hasMessageContaining("fixed");
    }
}
