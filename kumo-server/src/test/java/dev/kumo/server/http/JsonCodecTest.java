package dev.kumo.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    record Body(String name, Integer size) {
    }

    private final JsonCodec json = new JsonCodec();

    private ApiException fail(String body) {
        return catchThrowableOfType(ApiException.class, () -> json.read(body.getBytes(StandardCharsets.UTF_8), Body.class));
    }

    @Test
    void readsValidBodies() {
        assertThat(json.read("{\"name\":\"a\",\"size\":3}".getBytes(StandardCharsets.UTF_8), Body.class))
                .isEqualTo(new Body("a", 3));
    }

    @Test
    void namesTheFieldOfEveryMappingError() {
        assertThat(fail("{\"nme\":\"a\"}").field()).isEqualTo("nme");
        assertThat(fail("{\"size\":\"big\"}").field()).isEqualTo("size");
        assertThat(fail("{\"name\":").field()).isEmpty();
        assertThat(fail("{\"name\":\"a\"} trailing").getMessage()).isNotBlank();
        assertThat(fail("").getMessage()).contains("empty");
    }
}
