package dev.kumo.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ActivationIdTest {

    @Test
    void randomIdsAreValidAndDistinct() {
        var a = ActivationId.random();
        var b = ActivationId.random();
        assertThat(a.value()).matches("[0-9a-f]{32}");
        assertThat(a).isNotEqualTo(b);
        assertThat(new ActivationId(a.value())).isEqualTo(a);
    }

    @Test
    void rejectsAnythingButThirtyTwoLowerCaseHexCharacters() {
        for (String bad : new String[] {"", "abc", "0123456789ABCDEF0123456789abcdef", "0123456789abcdef0123456789abcdeg",
                "0123456789abcdef0123456789abcdef0"}) {
            assertThatThrownBy(() -> new ActivationId(bad)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("32 lower-case hex");
        }
    }
}
