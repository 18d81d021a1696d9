package dev.kumo.server.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.async.AsyncSettings;
import dev.kumo.server.RunningServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A function's full asynchronous queue refuses more with 429 and {@code Retry-After}; bad async settings are 400s. */
class AsyncQueueLimitTest {

    @Test
    void aFullQueueIs429WithRetryAfter(@TempDir Path data) {
        var d = AsyncSettings.defaults();
        try (var node = RunningServer.start(data, c -> c.withAsync(new AsyncSettings(1, d.idempotencyWindow(),
                d.callbackHosts(), d.retryBase(), d.retryMax(), d.callbackAttempts())))) {
            assertThat(node.invokeAsync("sleep", "{\"ms\":2000}", Map.of()).status()).isEqualTo(202);

            var refused = node.invokeAsync("sleep", "{\"ms\":1}", Map.of());

            assertThat(refused.status()).as(refused.body()).isEqualTo(429);
            assertThat(refused.json().at("/error/code").asString()).isEqualTo("TooManyRequests");
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
            assertThat(node.invokeAsync("echo", "{}", Map.of()).status()).as("other functions' queues").isEqualTo(202);
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
