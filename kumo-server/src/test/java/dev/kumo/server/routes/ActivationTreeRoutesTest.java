package dev.kumo.server.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.server.RunningServer;
import java.nio.file.Path;
import java.util.HashSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/activations/{id}/tree}: a function's calls to other functions, as recorded. */
class ActivationTreeRoutesTest {

    @TempDir
    Path data;
    RunningServer node;

    @BeforeEach
    void start() {
        node = RunningServer.start(data, c -> c);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void theTreeOfACallerListsEachCallWithItsParent() {
        var reply = node.post("/v1/functions/sum-of-squares/invoke", "{\"n\":5}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("sum").asLong()).isEqualTo(30);
        String id = reply.header("Kumo-Activation-Id");

        var tree = node.get("/v1/activations/" + id + "/tree");

        assertThat(tree.status()).as(tree.body()).isEqualTo(200);
        JsonNode root = tree.json();
        assertThat(root.get("activationId").asString()).isEqualTo(id);
        assertThat(root.get("function").asString()).isEqualTo("sum-of-squares");
        assertThat(root.get("status").asString()).isEqualTo("success");
        assertThat(root.has("parentId")).isFalse();
        assertThat(root.get("children")).hasSize(5);
        var childIds = new HashSet<String>();
        for (JsonNode child : root.get("children")) {
            assertThat(child.get("function").asString()).isEqualTo("square");
            assertThat(child.get("status").asString()).isEqualTo("success");
            assertThat(child.get("parentId").asString()).isEqualTo(id);
            assertThat(child.get("children")).isEmpty();
            childIds.add(child.get("activationId").asString());
        }
        assertThat(childIds).hasSize(5);
        var child = node.get("/v1/activations/" + childIds.iterator().next()).json();
        assertThat(child.get("parentId").asString()).isEqualTo(id);
        assertThat(node.get("/v1/activations/" + id).json().has("parentId")).isFalse();
    }

    @Test
    void anActivationWithoutCallsIsALeafAndAnUnknownOneIs404() {
        var reply = node.post("/v1/functions/hello/invoke", "{\"name\":\"Ada\"}");
        String id = reply.header("Kumo-Activation-Id");

        var leaf = node.get("/v1/activations/" + id + "/tree").json();

        assertThat(leaf.get("function").asString()).isEqualTo("hello");
        assertThat(leaf.get("children")).isEmpty();
        assertThat(node.get("/v1/activations/" + "0".repeat(32) + "/tree").status()).isEqualTo(404);
        assertThat(node.get("/v1/activations/nope/tree").status()).isEqualTo(400);
    }
}
