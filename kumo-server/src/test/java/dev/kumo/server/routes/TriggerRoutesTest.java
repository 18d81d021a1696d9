package dev.kumo.server.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.server.WithRunningServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Triggers, rules and topics: an event fans out to the function of every enabled rule. */
class TriggerRoutesTest extends WithRunningServer {

    @Test
    void anEventFansOutToEveryEnabledRule() {
        assertThat(node.put("/v1/triggers/orders", "").status()).isEqualTo(201);
        var described = node.put("/v1/triggers/orders", "{\"description\":\"new orders\"}");
        assertThat(described.status()).isEqualTo(200);
        assertThat(described.json().get("description").asString()).isEqualTo("new orders");
        var rule = node.put("/v1/rules/to-echo", "{\"trigger\":\"orders\",\"function\":\"echo\"}");
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        assertThat(rule.json().get("enabled").asBoolean()).isTrue();
        assertThat(rule.json().get("qualifier").asString()).isEqualTo("$LATEST");
        assertThat(node.put("/v1/rules/to-hello", "{\"trigger\":\"orders\",\"function\":\"hello\"}").status())
                .isEqualTo(201);

        var published = node.post("/v1/topics/orders/events", "{\"name\":\"Ada\"}");

        assertThat(published.status()).as(published.body()).isEqualTo(202);
        assertThat(published.json().get("topic").asString()).isEqualTo("orders");
        var deliveries = published.json().get("deliveries");
        assertThat(deliveries.valueStream().map(d -> d.get("function").asString()))
                .containsExactlyInAnyOrder("echo", "hello");
        assertThat(deliveries.valueStream().map(d -> d.get("rule").asString()))
                .containsExactlyInAnyOrder("to-echo", "to-hello");
        for (var d : deliveries) {
            String id = d.get("activationId").asString();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    node.get("/v1/activations/" + id).json().get("status").asString()).isEqualTo("success"));
        }

        assertThat(node.put("/v1/rules/to-hello", "{\"trigger\":\"orders\",\"function\":\"hello\",\"enabled\":false}")
                .status()).isEqualTo(200);
        var one = node.post("/v1/topics/orders/events", "{}").json().get("deliveries");
        assertThat(one.valueStream().map(d -> d.get("function").asString())).containsExactly("echo");

        var inUse = node.delete("/v1/triggers/orders");
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().at("/error/code").asString()).isEqualTo("Conflict");
        assertThat(node.get("/v1/rules").body()).contains("to-echo", "to-hello");
        assertThat(node.delete("/v1/rules/to-echo").status()).isEqualTo(204);
        assertThat(node.delete("/v1/rules/to-hello").status()).isEqualTo(204);
        assertThat(node.delete("/v1/rules/to-hello").status()).isEqualTo(404);
        assertThat(node.delete("/v1/triggers/orders").status()).isEqualTo(204);
        assertThat(node.get("/v1/triggers/orders").status()).isEqualTo(404);
    }

    @Test
    void unknownTopicsTriggersAndFunctionsAre404() {
        var reply = node.post("/v1/topics/nowhere/events", "{}");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().at("/error/code").asString()).isEqualTo("NotFound");
        assertThat(node.put("/v1/rules/r", "{\"trigger\":\"nowhere\",\"function\":\"hello\"}").status())
                .isEqualTo(404);
        node.put("/v1/triggers/t", "");
        assertThat(node.put("/v1/rules/r", "{\"trigger\":\"t\",\"function\":\"nope\"}").status()).isEqualTo(404);
        assertThat(node.put("/v1/rules/r", "{\"function\":\"hello\"}").status()).isEqualTo(400);
        assertThat(node.post("/v1/topics/t/events", "{oops").status()).isEqualTo(400);
    }
}
