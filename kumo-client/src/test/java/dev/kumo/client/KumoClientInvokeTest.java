package dev.kumo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KumoClientInvokeTest extends WithStubServer {

    @Test
    void successCarriesOutputAndActivationHeaders() {
        server.reply(200, Map.of("Content-Type", "application/json", "Kumo-Activation-Id", "act-1",
                "Kumo-Version", "3", "Kumo-Cold-Start", "true"), "{\"greeting\":\"hi Ada\"}");

        InvokeResponse response = client.invoke("hello", "live", "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8));

        StubServer.Recorded request = server.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/functions/hello/invoke");
        assertThat(request.query()).isEqualTo("qualifier=live");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.bodyText()).isEqualTo("{\"name\":\"Ada\"}");
        assertThat(response.succeeded()).isTrue();
        assertThat(response.activationId()).isEqualTo("act-1");
        assertThat(response.version()).isEqualTo("3");
        assertThat(response.coldStart()).isTrue();
        assertThat(response.bodyText()).isEqualTo("{\"greeting\":\"hi Ada\"}");
        assertThat(response.functionError()).isEmpty();
    }

    @Test
    void withoutQualifierNoQueryIsSentAndAnEmptyBodyIsAllowed() {
        server.reply(200, Map.of("Kumo-Cold-Start", "false"), "null");

        InvokeResponse response = client.invoke("hello", new byte[0]);

        assertThat(server.only().query()).isEmpty();
        assertThat(server.only().body()).isEmpty();
        assertThat(response.coldStart()).isFalse();
        assertThat(response.activationId()).as("no header, empty text").isEmpty();
    }

    @Test
    void aFunctionThatThrowsIsAResponseNotAnException() {
        server.reply(502, Map.of("Kumo-Activation-Id", "act-2", "Kumo-Version", "1"), """
                {"error":{"code":"FunctionError","message":"boom","errorType":"java.lang.IllegalStateException",
                "stackTrace":["a.B.c(B.java:1)"]}}""");

        InvokeResponse response = client.invoke("hello", "1", new byte[0]);

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.succeeded()).isFalse();
        assertThat(response.activationId()).isEqualTo("act-2");
        assertThat(response.functionError()).contains(new ActivationError("java.lang.IllegalStateException", "boom",
                List.of("a.B.c(B.java:1)")));
    }

    @Test
    void errorFieldsAtTheTopLevelAreReadToo() {
        server.reply(502, "{\"error\":{\"code\":\"FunctionError\",\"message\":\"bad\"},\"errorType\":\"x.Oops\","
                + "\"stackTrace\":[\"f\"]}");

        assertThat(client.invoke("hello", new byte[0]).functionError())
                .contains(new ActivationError("x.Oops", "bad", List.of("f")));
    }

    @Test
    void aTimeoutIsAResponseTypedTimeout() {
        server.reply(504, Map.of("Kumo-Activation-Id", "act-3"), Fixtures.error("Timeout", "ran past 3000 ms"));

        InvokeResponse response = client.invoke("hello", new byte[0]);

        assertThat(response.timedOut()).isTrue();
        assertThat(response.functionError()).hasValueSatisfying(e -> {
            assertThat(e.errorType()).isEqualTo("Timeout");
            assertThat(e.summary()).isEqualTo("Timeout: ran past 3000 ms");
        });
    }

    @Test
    void anUnreadableFailureBodyStillYieldsAnError() {
        server.reply(504, Map.of(), "gateway gave up");

        assertThat(client.invoke("hello", new byte[0]).functionError())
                .contains(new ActivationError("Timeout", "", List.of()));
    }

    @Test
    void throttlingThrowsWithRetryAfter() {
        server.reply(429, Map.of("Retry-After", "2"), "{\"error\":{\"code\":\"TooManyRequests\",\"message\":"
                + "\"concurrency limit 1 reached\",\"reason\":\"FUNCTION_CONCURRENCY\"}}");

        assertThatThrownBy(() -> client.invoke("hello", new byte[0]))
                .isInstanceOfSatisfying(KumoApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.code()).isEqualTo("TooManyRequests");
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
                    assertThat(e.reason()).contains("FUNCTION_CONCURRENCY");
                });
    }

    @Test
    void anUnknownFunctionThrowsNotFound() {
        server.reply(404, Fixtures.error("NotFound", "function 'nope' not found"));

        assertThatThrownBy(() -> client.invoke("nope", new byte[0]))
                .isInstanceOfSatisfying(KumoApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).isEqualTo("HTTP 404 NotFound: function 'nope' not found");
                });
    }

    @Test
    void responsesCompareByContentAndDoNotLeakTheirBody() {
        InvokeResponse a = new InvokeResponse(200, "x", "1", false, new byte[] {1, 2});
        InvokeResponse b = new InvokeResponse(200, "x", "1", false, new byte[] {1, 2});

        a.body()[0] = 9;

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toString()).contains("2 bytes");
    }
}
