package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A poison message (a function that always fails) ends in the dead-letter store after its retries, with
 * every attempt recorded, while the rest of the queue keeps flowing; it can be redriven.
 */
class AsyncPoisonIT {

    @Test
    void aPoisonMessageIsDeadLetteredAfterItsRetriesAndTheRestFlows(@TempDir Path data) {
        try (var node = ForkedNode.start(data, "--retry-base", "100ms")) {
            var http = node.http;
            assertThat(http.put("/v1/functions/fail", "{\"async\":{\"maxRetries\":2}}").status()).isEqualTo(200);
            var poison = http.invokeAsync("fail", "{\"message\":\"poison\"}", Map.of());
            assertThat(poison.status()).as(poison.body()).isEqualTo(202);
            String poisonId = poison.json().get("activationId").asString();

            var others = new ArrayList<String>();
            for (int i = 0; i < 50; i++) {
                var reply = http.invokeAsync("hello", "{\"name\":\"n" + i + "\"}", Map.of());
                assertThat(reply.status()).isEqualTo(202);
                others.add(reply.json().get("activationId").asString());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> others.stream()
                    .allMatch(id -> "success".equals(status(http, id))));

            await().atMost(Duration.ofSeconds(30)).until(() -> "dead-lettered".equals(status(http, poisonId)));
            var activation = http.get("/v1/activations/" + poisonId).json();
            assertThat(activation.get("attempt").asInt()).isEqualTo(3);
            // dead-lettered is not an attempt's own status, so every attempt is in the history
            assertThat(activation.get("attempts")).hasSize(3);
            activation.get("attempts").forEach(a -> {
                assertThat(a.get("status").asString()).isEqualTo("error");
                assertThat(a.get("error").get("message").asString()).isEqualTo("poison");
            });

            var letters = http.get("/v1/functions/fail/dead-letters").json().get("items");
            assertThat(letters).hasSize(1);
            assertThat(letters.get(0).get("activationId").asString()).isEqualTo(poisonId);
            assertThat(letters.get(0).get("attempts").asInt()).isEqualTo(3);
            assertThat(letters.get(0).get("payload").get("message").asString()).isEqualTo("poison");

            var redrive = http.post("/v1/functions/fail/dead-letters/" + poisonId + "/redrive", "");
            assertThat(redrive.status()).as(redrive.body()).isEqualTo(202);
            String again = redrive.json().get("activationId").asString();
            assertThat(again).isNotEqualTo(poisonId);
            assertThat(http.get("/v1/functions/fail/dead-letters/" + poisonId).status()).isEqualTo(404);
            await().atMost(Duration.ofSeconds(30)).until(() -> "dead-lettered".equals(status(http, again)));
        }
    }

    static String status(Http http, String activationId) {
        var reply = http.get("/v1/activations/" + activationId);
        return reply.status() == 200 ? reply.json().get("status").asString() : "absent";
    }
}
