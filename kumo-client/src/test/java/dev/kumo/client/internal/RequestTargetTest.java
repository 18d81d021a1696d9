package dev.kumo.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestTargetTest {

    @Test
    void rendersSegmentsAndQueryInOrder() {
        assertThat(RequestTarget.of("v1", "functions").with("limit", 5).with("nextToken", "a b").render())
                .isEqualTo("/v1/functions?limit=5&nextToken=a%20b");
    }

    @Test
    void encodesReservedCharactersButKeepsDollar() {
        assertThat(RequestTarget.encode("$LATEST")).isEqualTo("$LATEST");
        assertThat(RequestTarget.encode("a/b?c&d=e+f#g%")).isEqualTo("a%2Fb%3Fc%26d%3De%2Bf%23g%25");
        assertThat(RequestTarget.encode("ä")).isEqualTo("%C3%A4");
    }

    @Test
    void pathOmitsTheQuery() {
        assertThat(RequestTarget.of("v1", "activations").with("limit", 1).path()).isEqualTo("/v1/activations");
    }
}
