package dev.kumo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KumoClientFailureTest extends WithStubServer {

    @Test
    void validationErrorsNameTheField() {
        server.reply(400, "{\"error\":{\"code\":\"InvalidRequest\",\"message\":\"memoryMb must be between 128 and "
                + "10240, got 64\",\"field\":\"memoryMb\"}}");

        assertThatThrownBy(() -> client.putFunction("hello", FunctionSpec.builder().memoryMb(64).build()))
                .isInstanceOfSatisfying(KumoApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("InvalidRequest");
                    assertThat(e.field()).contains("memoryMb");
                    assertThat(e.detail()).isEqualTo("memoryMb must be between 128 and 10240, got 64");
                    assertThat(e.retryAfter()).isEmpty();
                });
    }

    @Test
    void anErrorWithoutAnErrorBodyIsDescribedByItsStatus() {
        server.reply(404, Map.of(), "");

        assertThatThrownBy(() -> client.getFunction("hello"))
                .isInstanceOfSatisfying(KumoApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("NotFound");
                    assertThat(e.detail()).isEqualTo("the server answered HTTP 404 without an error message");
                    assertThat(e.field()).isEmpty();
                });
    }

    @Test
    void aPlainTextErrorBodyBecomesTheDetail() {
        server.reply(503, Map.of(), "starting up");

        assertThatThrownBy(() -> client.listAllFunctions())
                .isInstanceOfSatisfying(KumoApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("ServiceUnavailable");
                    assertThat(e.detail()).isEqualTo("starting up");
                });
    }

    @Test
    void malformedJsonIsAProtocolError() {
        server.reply(200, "{\"name\":");

        assertThatThrownBy(() -> client.getFunction("hello")).isInstanceOf(KumoProtocolException.class)
                .hasMessageContaining("malformed JSON for function");
    }

    @Test
    void aMissingRequiredFieldIsAProtocolErrorNamingIt() {
        server.reply(200, "{\"name\":\"hello\",\"version\":\"$LATEST\"}");

        assertThatThrownBy(() -> client.getFunction("hello")).isInstanceOf(KumoProtocolException.class)
                .hasMessage("malformed function from the server: missing 'handler'");
    }

    @Test
    void numbersSentAsStringsAreAcceptedButWordsAreNot() {
        server.reply(200, Fixtures.function("hello", "$LATEST").replace("\"revision\":7", "\"revision\":\"8\""))
                .reply(200, Fixtures.function("hello", "$LATEST").replace("\"revision\":7", "\"revision\":\"new\""));

        assertThat(client.getFunction("hello").revision()).isEqualTo(8);
        assertThatThrownBy(() -> client.getFunction("hello")).isInstanceOf(KumoProtocolException.class)
                .hasMessage("malformed function from the server: 'revision' is not a number");
    }

    @Test
    void anUnknownTierIsAProtocolError() {
        server.reply(200, Fixtures.function("hello", "$LATEST").replace("\"shared\"", "\"gpu\""));

        assertThatThrownBy(() -> client.getFunction("hello")).isInstanceOf(KumoProtocolException.class)
                .hasMessageContaining("unknown tier 'gpu'");
    }

    @Test
    void aRefusedConnectionSaysHowToStartTheServer() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (KumoClient offline = KumoClient.create(URI.create("http://127.0.0.1:" + port + "/"))) {
            assertThatThrownBy(() -> offline.getFunction("hello")).isInstanceOf(KumoConnectionException.class)
                    .hasMessage("cannot reach Kumo at http://127.0.0.1:" + port + " (is `./kumo up` running?)");
        }
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() {
        server.hang();
        try (KumoClient impatient = KumoClient.create(server.uri(), Duration.ofMillis(200))) {
            assertThatThrownBy(() -> impatient.getFunction("hello")).isInstanceOf(KumoConnectionException.class)
                    .hasMessage("no answer from Kumo at " + server.uri() + " within 200 ms (GET /v1/functions/hello)");
        }
    }

    @Test
    void healthAndReadinessFollowTheStatus() {
        server.reply(200, "{\"status\":\"ok\"}").reply(503, Fixtures.error("NotReady", "opening store"))
                .reply(200, "{}");

        assertThat(client.healthz()).isTrue();
        assertThat(client.readyz()).isFalse();
        assertThat(client.readyz()).isTrue();
        assertThat(server.requests()).extracting(StubServer.Recorded::path)
                .containsExactly("/healthz", "/readyz", "/readyz");
    }

    @Test
    void metricsAreReturnedAsText() {
        server.reply(200, Map.of("Content-Type", "text/plain"), "kumo_invocations_total 3\n");

        assertThat(client.metrics()).isEqualTo("kumo_invocations_total 3\n");
    }

    @Test
    void theBaseUrlMayCarryAPathPrefix() {
        server.reply(200, Fixtures.function("hello", "$LATEST"));
        try (KumoClient prefixed = KumoClient.create(URI.create(server.uri() + "/kumo/"))) {
            prefixed.getFunction("hello");
        }

        assertThat(server.only().path()).isEqualTo("/kumo/v1/functions/hello");
    }

    @Test
    void onlyHttpUrlsAndPositiveTimeoutsAreAccepted() {
        assertThatThrownBy(() -> KumoClient.create(URI.create("ftp://host"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KumoClient.create(URI.create("localhost:8080")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KumoClient.create(server.uri(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
