package dev.kumo.server.urls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.server.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class UrlResponseTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    private Response of(String output) {
        return UrlResponse.of(mapper, output.getBytes(StandardCharsets.UTF_8), Map.of("Kumo-Activation-Id", "a"))
                .orElseThrow();
    }

    @Test
    void outputWithoutStatusCodeIsThe200JsonBody() {
        var r = of("{\"greeting\":\"hi\"}");
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"greeting\":\"hi\"}");
        assertThat(of("[1,2]").status().code()).isEqualTo(200);
        assertThat(of("\"text\"").status().code()).isEqualTo(200);
    }

    @Test
    void aStatusCodeObjectIsTheResponse() {
        var r = of("{\"statusCode\":404,\"headers\":{\"content-type\":\"text/html\",\"X-N\":3,\"Content-Length\":\"9\"},"
                + "\"body\":\"<p>no</p>\",\"cookies\":[\"s=1\"]}");
        assertThat(r.status().code()).isEqualTo(404);
        assertThat(r.contentType()).isEqualTo("text/html");
        assertThat(r.headers()).containsEntry("X-N", "3").containsEntry("Kumo-Activation-Id", "a")
                .doesNotContainKey("Content-Length");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("<p>no</p>");
        assertThat(r.cookies()).containsExactly("s=1");
        assertThat(of("{\"statusCode\":\"204\"}").body()).isEmpty();
        assertThat(of("{\"statusCode\":200,\"body\":{\"a\":1}}").body()).asString(StandardCharsets.UTF_8)
                .isEqualTo("{\"a\":1}");
    }

    @Test
    void base64BodiesAreDecodedAndInvalidResponsesRefused() {
        assertThat(of("{\"statusCode\":200,\"body\":\"AAE=\",\"isBase64Encoded\":true}").body())
                .containsExactly(0, 1);
        assertThat(UrlResponse.of(mapper, "{\"statusCode\":99}".getBytes(StandardCharsets.UTF_8), Map.of())).isEmpty();
        assertThat(UrlResponse.of(mapper, "{\"statusCode\":200,\"body\":\"***\",\"isBase64Encoded\":true}"
                .getBytes(StandardCharsets.UTF_8), Map.of())).isEmpty();
    }
}
