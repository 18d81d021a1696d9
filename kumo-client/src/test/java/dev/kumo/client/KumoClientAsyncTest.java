package dev.kumo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KumoClientAsyncTest extends WithStubServer {

    @Test
    void invokeAsyncSendsModeKeyAndCallback() {
        server.reply(202, Map.of("Content-Type", "application/json", "Kumo-Activation-Id", "a1"),
                "{\"activationId\":\"a1\",\"status\":\"queued\"}");

        AsyncInvokeResponse response = client.invokeAsync("hello", "live", "{\"n\":1}".getBytes(StandardCharsets.UTF_8),
                Optional.of("order-1"), Optional.of("http://localhost:9000/done"));

        var request = server.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/functions/hello/invoke");
        assertThat(request.query()).isEqualTo("qualifier=live&mode=async");
        assertThat(request.header("Kumo-Idempotency-Key")).isEqualTo("order-1");
        assertThat(request.header("Kumo-Callback-Url")).isEqualTo("http://localhost:9000/done");
        assertThat(request.bodyText()).isEqualTo("{\"n\":1}");
        assertThat(response).isEqualTo(new AsyncInvokeResponse("a1", false));
    }

    @Test
    void aReplayIsFlaggedAndNoHeadersAreSentWhenNotAsked() {
        server.reply(202, Map.of("Kumo-Idempotent-Replay", "true"), "{\"activationId\":\"a0\",\"status\":\"queued\"}");

        AsyncInvokeResponse response = client.invokeAsync("hello", new byte[0]);

        assertThat(server.only().header("Kumo-Idempotency-Key")).isNull();
        assertThat(server.only().header("Kumo-Callback-Url")).isNull();
        assertThat(response.replay()).isTrue();
        assertThat(response.activationId()).isEqualTo("a0");
    }

    @Test
    void refusalsAreApiExceptions() {
        server.reply(409, Fixtures.error("IdempotencyConflict", "key 'k' was used by activation a0"));
        assertThatThrownBy(() -> client.invokeAsync("hello", "$LATEST", new byte[0], Optional.of("k"), Optional.empty()))
                .isInstanceOfSatisfying(KumoApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("IdempotencyConflict");
                });

        server.reply(429, Map.of("Retry-After", "3"), Fixtures.error("TooManyRequests", "queue of 'hello' is full"));
        assertThatThrownBy(() -> client.invokeAsync("hello", new byte[0]))
                .isInstanceOfSatisfying(KumoApiException.class, e -> assertThat(e.retryAfter())
                        .contains(Duration.ofSeconds(3)));
    }

    @Test
    void activationsCanBeFilteredByStatusAndCarryTheirAttempts() {
        server.reply(200, Fixtures.page("", Fixtures.queuedActivation("a1")));

        var page = client.listActivations(ActivationQuery.recent(10).withFunction("fail")
                .withStatus(ActivationStatus.DEAD_LETTERED));

        assertThat(server.only().query()).isEqualTo("function=fail&status=dead-lettered&limit=10");
        ActivationInfo a = page.items().getFirst();
        assertThat(a.status()).isEqualTo(ActivationStatus.DEAD_LETTERED);
        assertThat(a.attempt()).isEqualTo(2);
        assertThat(a.attempts()).containsExactly(new AttemptInfo(1, ActivationStatus.TIMEOUT,
                Instant.parse("2025-03-01T10:00:00Z"), 100, Optional.empty(), List.of("slow")));
        assertThat(a.toJson()).contains("\"status\" : \"dead-lettered\"", "\"attempt\" : 2", "\"attempts\" : [");
    }

    @Test
    void deadLettersAreListedShownRedrivenAndDeleted() {
        server.reply(200, Fixtures.page("t2", Fixtures.deadLetter("a1")))
                .reply(200, Fixtures.deadLetter("a1"))
                .reply(202, "{\"activationId\":\"b2\",\"status\":\"queued\",\"redrivenFrom\":\"a1\"}")
                .reply(204, "");

        var page = client.deadLetters().list("fail", 5);
        DeadLetterInfo letter = client.deadLetters().get("fail", "a1");
        String fresh = client.deadLetters().redrive("fail", "a1");
        client.deadLetters().delete("fail", "a1");

        var requests = server.requests();
        assertThat(requests.get(0).path()).isEqualTo("/v1/functions/fail/dead-letters");
        assertThat(requests.get(0).query()).isEqualTo("limit=5");
        assertThat(requests.get(1).path()).isEqualTo("/v1/functions/fail/dead-letters/a1");
        assertThat(requests.get(2).method()).isEqualTo("POST");
        assertThat(requests.get(2).path()).isEqualTo("/v1/functions/fail/dead-letters/a1/redrive");
        assertThat(requests.get(3).method()).isEqualTo("DELETE");
        assertThat(page.nextToken()).contains("t2");
        assertThat(letter.payload()).isEqualTo("{\"n\":1}");
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.reason()).isEqualTo("retries exhausted after 3 attempts");
        assertThat(letter.deadLettered()).isEqualTo(Instant.parse("2025-03-01T10:00:07Z"));
        assertThat(letter.history()).singleElement().satisfies(h -> {
            assertThat(h.status()).isEqualTo(ActivationStatus.ERROR);
            assertThat(h.error().orElseThrow().summary()).isEqualTo("java.lang.IllegalStateException: boom");
        });
        assertThat(letter.toJson()).contains("\"payload\" : {", "\"history\" : [");
        assertThat(fresh).isEqualTo("b2");
    }

    @Test
    void asyncOptionsTravelWithTheJsonDeployAndComeBack() {
        server.reply(201, Fixtures.function("hello", "$LATEST").replace("\"revision\":7",
                "\"revision\":7,\"async\":{\"maxRetries\":0,\"maxEventAgeSeconds\":60,\"onFailure\":\"dlq\"}"));

        var result = client.deploy("hello", new byte[] {1}, FunctionSpec.builder().handler("com.example.Hello")
                .async(AsyncOptions.DEFAULTS.withMaxRetries(0).withMaxEventAgeSeconds(60).withOnFailure("dlq")).build());

        assertThat(server.only().path()).isEqualTo("/v1/functions/hello");
        assertThat(server.only().bodyText()).contains(
                "\"async\":{\"maxRetries\":0,\"maxEventAgeSeconds\":60,\"onFailure\":\"dlq\"}");
        assertThat(result.function().async()).isEqualTo(new AsyncOptions(0, 60, Optional.empty(), Optional.of("dlq")));
        assertThat(result.function().toJson()).contains("\"onFailure\" : \"dlq\"");
    }
}
