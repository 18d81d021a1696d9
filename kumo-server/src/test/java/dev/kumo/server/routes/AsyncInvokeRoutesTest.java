package dev.kumo.server.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.async.AsyncSettings;
import dev.kumo.server.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/functions/{name}/invoke?mode=async} and the activations it leaves. */
class AsyncInvokeRoutesTest {

    private static final long ASYNC_LIMIT = 1024;

    @TempDir
    static Path data;
    static RunningServer node;

    @BeforeAll
    static void start() {
        var d = AsyncSettings.defaults();
        node = RunningServer.start(data, c -> c.withAsync(new AsyncSettings(d.maxQueueDepth(), d.maxQueuedBytes(),
                d.idempotencyWindow(), d.callbackHosts(), Duration.ofMillis(10), Duration.ofMillis(50), 1), ASYNC_LIMIT));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void anAsyncInvokeIsAcceptedQueuedAndThenRuns() {
        var reply = node.invokeAsync("echo", "{\"n\":1}", Map.of());

        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        String id = reply.json().get("activationId").asString();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(reply.json().get("status").asString()).isEqualTo("queued");
        assertThat(reply.header("Kumo-Activation-Id")).isEqualTo(id);
        assertThat(reply.header("Kumo-Idempotent-Replay")).isNull();

        var first = node.get("/v1/activations/" + id);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("status").asString()).isIn("queued", "running", "success");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(node.get("/v1/activations/" + id).json().get("status").asString()).isEqualTo("success"));
        var done = node.get("/v1/activations/" + id).json();
        assertThat(done.get("result").toString()).isEqualTo("{\"n\":1}");
        assertThat(done.get("attempt").asInt()).isEqualTo(1);
        assertThat(done.get("attempts").isArray()).isTrue();

        var filtered = node.get("/v1/activations?function=echo&status=success").json().get("items");
        assertThat(filtered.valueStream().map(a -> a.get("activationId").asString())).contains(id);
        assertThat(filtered.valueStream().map(a -> a.get("status").asString())).containsOnly("success");
    }

    @Test
    void theInvocationTypeHeaderAsksForAsyncInAnyCase() {
        var reply = node.send("POST", "/v1/functions/echo/invoke", "{}", Map.of("Kumo-Invocation-Type", "ASYNC"));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().get("status").asString()).isEqualTo("queued");
    }

    @Test
    void syncModeIsTheDefaultAndAnyOtherModeIs400() {
        var sync = node.send("POST", "/v1/functions/echo/invoke?mode=sync", "{\"x\":2}", Map.of());
        assertThat(sync.status()).isEqualTo(200);
        assertThat(sync.body()).isEqualTo("{\"x\":2}");

        var bad = node.send("POST", "/v1/functions/echo/invoke?mode=later", "{}", Map.of());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/field").asString()).isEqualTo("mode");

        var badHeader = node.send("POST", "/v1/functions/echo/invoke", "{}", Map.of("Kumo-Invocation-Type", "event"));
        assertThat(badHeader.status()).isEqualTo(400);
        assertThat(badHeader.json().at("/error/field").asString()).isEqualTo("Kumo-Invocation-Type");

        var contradiction = node.send("POST", "/v1/functions/echo/invoke?mode=sync", "{}",
                Map.of("Kumo-Invocation-Type", "async"));
        assertThat(contradiction.status()).isEqualTo(400);
    }

    @Test
    void anAsyncBodyOverItsLimitIs413NamingTheLimitWhileSyncTakesIt() {
        String big = "{\"pad\":\"" + "x".repeat(2000) + "\"}";

        var async = node.invokeAsync("echo", big, Map.of());
        assertThat(async.status()).isEqualTo(413);
        assertThat(async.json().at("/error/code").asString()).isEqualTo("PayloadTooLarge");
        assertThat(async.json().at("/error/message").asString()).contains(Long.toString(ASYNC_LIMIT));

        assertThat(node.send("POST", "/v1/functions/echo/invoke", big, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void anIdempotencyKeyReplaysTheSameIdAndRefusesAnotherPayload() {
        var key = Map.of("Kumo-Idempotency-Key", "order-17");
        var first = node.invokeAsync("echo", "{\"order\":17}", key);
        assertThat(first.status()).isEqualTo(202);
        String id = first.json().get("activationId").asString();

        var again = node.invokeAsync("echo", "{\"order\":17}", key);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("activationId").asString()).isEqualTo(id);
        assertThat(again.header("Kumo-Idempotent-Replay")).isEqualTo("true");

        var other = node.invokeAsync("echo", "{\"order\":18}", key);
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().at("/error/code").asString()).isEqualTo("IdempotencyConflict");
        assertThat(other.json().at("/error/message").asString()).contains(id);
    }

    @Test
    void aCallbackToAHostNotAllowedIs400() {
        var reply = node.invokeAsync("echo", "{}", Map.of("Kumo-Callback-Url", "http://169.254.169.254/latest"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().at("/error/code").asString()).isEqualTo("InvalidRequest");
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsQueued() {
        assertThat(node.invokeAsync("nope", "{}", Map.of()).status()).isEqualTo(404);
        var notJson = node.invokeAsync("echo", "{not json", Map.of());
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().at("/error/field").asString()).isEqualTo("body");
        var badStatus = node.get("/v1/activations?status=sleeping");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().at("/error/field").asString()).isEqualTo("status");
    }
}
