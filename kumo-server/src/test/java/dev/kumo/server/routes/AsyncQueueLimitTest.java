package dev.kumo.server.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.async.AsyncSettings;
import dev.kumo.server.RunningServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function's full asynchronous queue, or the node's spent budget of queued payloads, refuses more with 429 and
 * {@code Retry-After}; bad async settings are 400s.
 */
class AsyncQueueLimitTest {

    @Test
    void aFullQueueIs429WithRetryAfter(@TempDir Path data) {
        var d = AsyncSettings.defaults();
        try (var node = RunningServer.start(data, c -> c.withAsync(new AsyncSettings(1, d.maxQueuedBytes(),
                d.idempotencyWindow(), d.callbackHosts(), d.retryBase(), d.retryMax(), d.callbackAttempts())))) {
            assertThat(node.invokeAsync("sleep", "{\"ms\":2000}", Map.of()).status()).isEqualTo(202);

            var refused = node.invokeAsync("sleep", "{\"ms\":1}", Map.of());

            assertThat(refused.status()).as(refused.body()).isEqualTo(429);
            assertThat(refused.json().at("/error/code").asString()).isEqualTo("TooManyRequests");
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
            assertThat(node.invokeAsync("echo", "{}", Map.of()).status()).as("other functions' queues").isEqualTo(202);
        }
    }

    @Test
    void spentQueuedPayloadBudgetIs429AndShowsInMetrics(@TempDir Path data) {
        var d = AsyncSettings.defaults();
        try (var node = RunningServer.start(data, c -> c.withAsync(new AsyncSettings(d.maxQueueDepth(),
                AsyncSettings.MIN_QUEUED_BYTES, d.idempotencyWindow(), d.callbackHosts(), d.retryBase(), d.retryMax(),
                d.callbackAttempts())))) {
            String big = "{\"ms\":2000,\"pad\":\"" + "x".repeat(600 * 1024) + "\"}";
            assertThat(node.invokeAsync("sleep", big, Map.of()).status()).isEqualTo(202);

            var refused = node.invokeAsync("echo", big, Map.of());

            assertThat(refused.status()).as(refused.body()).isEqualTo(429);
            assertThat(refused.json().at("/error/code").asString()).isEqualTo("TooManyRequests");
            assertThat(refused.json().at("/error/message").asString())
                    .startsWith("the node's async queue holds 600 KiB of payloads, at most 1 MiB");
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
            assertThat(node.get("/metrics").body()).containsPattern("(?m)^kumo_async_queued_bytes 6\\d{5}");
            assertThat(node.invokeAsync("echo", "{}", Map.of()).status()).as("what fits").isEqualTo(202);
        }
    }

    @Test
    void invalidAsyncSettingsAre400NamingTheField(@TempDir Path data) {
        try (var node = RunningServer.start(data, c -> c)) {
            var reply = node.put("/v1/functions/echo", "{\"async\":{\"maxRetries\":11}}");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().at("/error/field").asString()).isEqualTo("async.maxRetries");
            assertThat(node.put("/v1/functions/echo", "{\"async\":{\"onFailure\":\"not a name\"}}").status())
                    .isEqualTo(400);
            assertThat(node.get("/v1/functions/echo").json().at("/async/maxRetries").asInt()).isEqualTo(2);
        }
    }
}
