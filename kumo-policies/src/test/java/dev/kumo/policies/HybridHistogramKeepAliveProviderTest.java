package dev.kumo.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.policies.HybridHistogramParameters.Fallback;
import dev.kumo.spi.keepalive.KeepAlivePolicies;
import dev.kumo.spi.keepalive.KeepAlivePolicyProvider;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HybridHistogramKeepAliveProviderTest {

    @Test
    void isRegisteredBesideFixed() {
        assertThat(ServiceLoader.load(KeepAlivePolicyProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(HybridHistogramKeepAliveProvider.class, FixedKeepAliveProvider.class);
    }

    @Test
    void createdByNameWithThePapersParameters() {
        var policy = KeepAlivePolicies.create("hybrid-histogram");

        assertThat(policy).isInstanceOf(HybridHistogramKeepAlive.class);
        assertThat(((HybridHistogramKeepAlive) policy).parameters()).isEqualTo(HybridHistogramParameters.defaults());
        assertThat(KeepAlivePolicies.create("hybrid-histogram")).isNotSameAs(policy);
    }

    @Test
    void argumentOverridesSomeParameters() {
        var policy = (HybridHistogramKeepAlive) KeepAlivePolicies.create("hybrid-histogram: range=2h, tail=99.5,min=20");

        assertThat(policy.parameters()).isEqualTo(new HybridHistogramParameters(
                Duration.ofMinutes(1), Duration.ofHours(2), 5, 99.5, 0.1, 20, 2, 0.5, 64, Fallback.OBSERVED));
        assertThat(policy).hasToString("hybrid-histogram:range=2h;tail=99.5;min=20");
    }

    @Test
    void specRoundTrips() {
        var spec = "bin=30s;range=1h;head=1;tail=95;margin=0.2;min=5;cv=1.5;oob=0.25;history=16;fallback=range";
        var parameters = HybridHistogramParameters.parse(spec);

        assertThat(parameters.bins()).isEqualTo(120);
        assertThat(parameters.toSpec()).isEqualTo(spec);
        assertThat(HybridHistogramParameters.parse(parameters.toSpec())).isEqualTo(parameters);
    }

    @Test
    void semicolonsAndCommasBothSeparatePairs() {
        var policy = (HybridHistogramKeepAlive) KeepAlivePolicies.create("hybrid-histogram:min=5; range=2h,fallback=range");

        assertThat(policy.parameters()).isEqualTo(new HybridHistogramParameters(
                Duration.ofMinutes(1), Duration.ofHours(2), 5, 99, 0.1, 5, 2, 0.5, 64, Fallback.RANGE));
        assertThat(policy).hasToString("hybrid-histogram:range=2h;min=5;fallback=range");
        assertThat(KeepAlivePolicies.create(policy.toString())).hasToString(policy.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"range", "size=4h", "range=4x", "bin=7m", "head=50,tail=10", "tail=101", "margin=1",
        "min=0", "cv=-1", "oob=2", "history=1", "min=2.5", "head=NaN", "range=2h,range=3h", "bin=0s", "range=400d", ",", ";", "min=5;", "fallback=tail", "fallback="})
    void badArgumentNamesTheSpec(String argument) {
        assertThatThrownBy(() -> KeepAlivePolicies.create("hybrid-histogram:" + argument))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'hybrid-histogram:" + argument + "'");
    }
}
