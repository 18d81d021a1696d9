package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad asynchronous input gets a clear 4xx JSON error naming the problem, and stores nothing. */
class AsyncBadInputIT {

    @Test
    void badInputIsRefusedWithAClearError(@TempDir Path data) {
        try (var node = Node.start(data)) {
            var http = node.http;
            expect(http.put("/v1/schedules/bad", "{\"function\":\"hello\",\"expression\":\"cron(99 * * * *)\"}"),
                    400, "expression");
            expect(http.put("/v1/schedules/bad", "{\"function\":\"hello\",\"expression\":\"rate(0 minutes)\"}"),
                    400, "expression");
            expect(http.put("/v1/schedules/ghost", "{\"function\":\"nope\",\"expression\":\"rate(5 minutes)\"}"),
                    404, null);
            expect(http.post("/v1/topics/nowhere/events", "{}"), 404, null);
            expect(http.put("/v1/rules/r", "{\"trigger\":\"nowhere\",\"function\":\"hello\"}"), 404, null);
            expect(http.invokeAsync("nope", "{}", Map.of()), 404, null);

            String big = "{\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
            expect(http.invokeAsync("echo", big, Map.of()), 413, null);

            var first = http.invokeAsync("echo", "{\"n\":1}", Map.of("Kumo-Idempotency-Key", "order-1"));
            assertThat(first.status()).isEqualTo(202);
            var same = http.invokeAsync("echo", "{\"n\":1}", Map.of("Kumo-Idempotency-Key", "order-1"));
            assertThat(same.status()).isEqualTo(202);
            assertThat(same.json().get("activationId").asString())
                    .isEqualTo(first.json().get("activationId").asString());
            var conflict = http.invokeAsync("echo", "{\"n\":2}", Map.of("Kumo-Idempotency-Key", "order-1"));
            expect(conflict, 409, null);
            assertThat(conflict.body()).contains(first.json().get("activationId").asString());

            expect(http.invokeAsync("echo", "{}", Map.of("Kumo-Callback-Url", "http://169.254.169.254/latest")),
                    400, "Kumo-Callback-Url");
            expect(http.invokeAsync("echo", "{not json", Map.of()), 400, "body");
            expect(http.put("/v1/functions/echo", "{\"async\":{\"onSuccess\":\"echo\"}}"), 400, "async.onSuccess");
            expect(http.put("/v1/functions/echo", "{\"async\":{\"maxRetries\":11}}"), 400, "async.maxRetries");
        }
    }

    private static void expect(Http.Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        var error = reply.json().get("error");
        assertThat(error.get("message").asString()).isNotBlank();
        if (field != null) {
            assertThat(error.get("field").asString()).isEqualTo(field);
        }
    }
}
