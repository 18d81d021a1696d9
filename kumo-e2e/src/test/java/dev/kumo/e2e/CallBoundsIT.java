package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.e2e.fixtures.Delegator;
import dev.kumo.e2e.fixtures.Napper;
import dev.kumo.e2e.fixtures.Recurser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The bounds on calls between functions over real HTTP: a child cannot outlive its caller's deadline, and a
 * function calling itself is stopped by the node's call-depth bound instead of hanging.
 */
class CallBoundsIT {

    private static final int MAX_DEPTH = 4;

    @RegisterExtension
    static final NodeExtension kumo = new NodeExtension(c -> c.withCallBounds(MAX_DEPTH, c.maxFanOut()));

    @Test
    void aChildCallIsCutOffAtItsCallersDeadline() {
        var http = kumo.http();
        deploy("napper", 10_000, Napper.class);
        deploy("delegator", 300, Delegator.class, Delegator.Input.class);

        long start = System.nanoTime();
        var reply = http.invoke("delegator", "{\"to\":\"napper\",\"ms\":2000}");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(reply.status()).as(reply.body()).isGreaterThanOrEqualTo(500);
        assertThat(took).as("answered at the parent's deadline, not the child's").isLessThan(Duration.ofMillis(1500));
        String parent = reply.header("Kumo-Activation-Id");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var tree = http.get("/v1/activations/" + parent + "/tree");
            assertThat(tree.status()).as(tree.body()).isEqualTo(200);
            JsonNode child = tree.json().get("children").get(0);
            assertThat(child.get("function").asString()).isEqualTo("napper");
            // the child is interrupted at the caller's deadline, which caps its own: it timed out, even though
            // its handler let the InterruptedException of Thread.sleep escape
            assertThat(child.get("status").asString()).isEqualTo("timeout");
            assertThat(child.get("durationMs").asDouble()).as("ended near the parent's 300 ms deadline")
                    .isLessThan(1500);
        });
    }

    @Test
    void aFunctionCallingItselfIsRefusedAtTheDepthBound() {
        var http = kumo.http();
        deploy("recurser", 10_000, Recurser.class);

        var reply = http.invoke("recurser", "0");

        assertThat(reply.status()).as(reply.body()).isGreaterThanOrEqualTo(400);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var page = http.get("/v1/activations?function=recurser&status=rejected");
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            List<String> reasons = new ArrayList<>();
            page.json().get("items").forEach(a -> reasons.add(a.get("error").get("errorType").asString()));
            assertThat(reasons).contains("CALL_DEPTH");
        });
    }

    private static void deploy(String name, int timeoutMs, Class<?>... classes) {
        var deploy = kumo.http().putJar("/v1/functions/" + name + "/code?handler=" + classes[0].getName()
                + "&timeoutMs=" + timeoutMs, Jars.of(classes));
        assertThat(deploy.status()).as(deploy.body()).isEqualTo(201);
    }
}
