package dev.kumo.server.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.async.AsyncSettings;
import dev.kumo.server.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A function that always fails ends in the dead-letter store, which lists, shows, redrives and deletes it. */
class DeadLetterRoutesTest {

    @TempDir
    Path data;
    RunningServer node;

    @BeforeEach
    void start() {
        var d = AsyncSettings.defaults();
        node = RunningServer.start(data, c -> c.withAsync(new AsyncSettings(d.maxQueueDepth(), d.maxQueuedBytes(),
                d.idempotencyWindow(), d.callbackHosts(), Duration.ofMillis(10), Duration.ofMillis(50), 1)));
        var deployed = node.put("/v1/functions/fail", "{\"async\":{\"maxRetries\":0,\"maxEventAgeSeconds\":60}}");
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        assertThat(deployed.json().at("/async/maxRetries").asInt()).isZero();
        assertThat(deployed.json().at("/async/maxEventAgeSeconds").asInt()).isEqualTo(60);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void aPoisonMessageIsDeadLetteredAndCanBeRedrivenOrDeleted() {
        String id = node.invokeAsync("fail", "{\"message\":\"poison\"}", Map.of()).json().get("activationId").asString();

        JsonNode letter = awaitDeadLetter(id);
        assertThat(letter.get("function").asString()).isEqualTo("fail");
        assertThat(letter.get("qualifier").asString()).isEqualTo("$LATEST");
        assertThat(letter.get("source").asString()).isEqualTo("api");
        assertThat(letter.get("payload").toString()).isEqualTo("{\"message\":\"poison\"}");
        assertThat(letter.get("attempts").asInt()).isEqualTo(1);
        assertThat(letter.get("reason").asString()).isNotBlank();
        assertThat(letter.get("accepted").asString()).isNotBlank();
        assertThat(letter.get("deadLettered").asString()).isNotBlank();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                node.get("/v1/activations/" + id).json().get("status").asString()).isEqualTo("dead-lettered"));
        assertThat(node.get("/v1/activations?function=fail&status=dead-lettered").body()).contains(id);

        var one = node.get("/v1/functions/fail/dead-letters/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("activationId").asString()).isEqualTo(id);
        assertThat(one.json().get("history").isArray()).isTrue();

        var redriven = node.post("/v1/functions/fail/dead-letters/" + id + "/redrive", "");
        assertThat(redriven.status()).as(redriven.body()).isEqualTo(202);
        String fresh = redriven.json().get("activationId").asString();
        assertThat(fresh).isNotEqualTo(id).matches("[0-9a-f]{32}");
        assertThat(redriven.json().get("status").asString()).isEqualTo("queued");
        assertThat(redriven.json().get("redrivenFrom").asString()).isEqualTo(id);
        assertThat(node.get("/v1/functions/fail/dead-letters/" + id).status()).isEqualTo(404);

        awaitDeadLetter(fresh);
        assertThat(node.delete("/v1/functions/fail/dead-letters/" + fresh).status()).isEqualTo(204);
        var gone = node.get("/v1/functions/fail/dead-letters/" + fresh);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().at("/error/code").asString()).isEqualTo("NotFound");
        assertThat(node.delete("/v1/functions/fail/dead-letters/" + fresh).status()).isEqualTo(404);
        assertThat(node.post("/v1/functions/fail/dead-letters/" + fresh + "/redrive", "").status()).isEqualTo(404);
    }

    @Test
    void badIdsAre400() {
        var reply = node.get("/v1/functions/fail/dead-letters/not-an-id");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(node.get("/v1/functions/fail/dead-letters?limit=0").status()).isEqualTo(400);
    }

    private JsonNode awaitDeadLetter(String id) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var items = node.get("/v1/functions/fail/dead-letters").json().get("items");
            assertThat(items.valueStream().map(i -> i.get("activationId").asString())).contains(id);
        });
        return node.get("/v1/functions/fail/dead-letters").json().get("items").valueStream()
                .filter(i -> i.get("activationId").asString().equals(id)).findFirst().orElseThrow();
    }
}
