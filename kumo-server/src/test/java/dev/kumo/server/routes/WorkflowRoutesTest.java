package dev.kumo.server.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.server.WithRunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /v1/workflows} and {@code /v1/workflow-runs} over the examples. */
class WorkflowRoutesTest extends WithRunningServer {

    @Test
    void theExampleFanoutSumIsDeployedAndRunsSynchronously() {
        assertThat(node.get("/v1/workflows").body()).contains("\"name\":\"fanout-sum\"");
        assertThat(node.server().exampleWorkflows())
                .containsExactlyInAnyOrder("fanout-sum", "image-pipeline", "word-count-mr");
        var reply = node.post("/v1/workflows/fanout-sum/run", "{\"n\":100}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("status").asString()).isEqualTo("succeeded");
        assertThat(reply.json().at("/output/sum").asLong()).isEqualTo(328350);

        var run = node.get("/v1/workflow-runs/" + reply.json().get("runId").asString());
        assertThat(run.status()).isEqualTo(200);
        var view = run.json();
        assertThat(view.get("workflow").asString()).isEqualTo("fanout-sum");
        assertThat(view.at("/input/n").asInt()).isEqualTo(100);
        assertThat(view.at("/steps/squares/status").asString()).isEqualTo("succeeded");
        assertThat(view.at("/steps/squares/items").asInt()).isEqualTo(100);
        assertThat(view.at("/steps/range/activationIds")).hasSize(1);
        assertThat(view.has("ended")).isTrue();
        assertThat(view.has("error")).isFalse();
    }

    @Test
    void aWorkflowIsStoredShownListedAndDeleted() {
        String def = "{\"startAt\":\"a\",\"steps\":{\"a\":{\"type\":\"task\",\"function\":\"echo\",\"end\":true}}}";
        var created = node.put("/v1/workflows/one", def);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().at("/definition/steps/a/function").asString()).isEqualTo("echo");
        assertThat(node.put("/v1/workflows/one", def).status()).isEqualTo(200);
        assertThat(node.get("/v1/workflows/one").json().get("name").asString()).isEqualTo("one");
        assertThat(node.delete("/v1/workflows/one").status()).isEqualTo(204);
        assertThat(node.get("/v1/workflows/one").status()).isEqualTo(404);
        assertThat(node.delete("/v1/workflows/one").status()).isEqualTo(404);
    }

    @Test
    void aYamlDefinitionIsStoredAsJsonAndCheckedByTheSameRules() {
        String yaml = """
                startAt: a
                steps:
                  a:
                    type: task
                    function: echo
                    memoize: true
                    end: true
                """;
        var created = node.send("PUT", "/v1/workflows/from-yaml", yaml, Map.of("Content-Type", "application/yaml"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().at("/definition/steps/a/function").asString()).isEqualTo("echo");
        assertThat(created.json().at("/definition/steps/a/memoize").asBoolean()).isTrue();
        var run = node.post("/v1/workflows/from-yaml/run", "{\"x\":1}");
        assertThat(run.json().at("/output/x").asInt()).as(run.body()).isEqualTo(1);

        var bad = node.send("PUT", "/v1/workflows/bad-yaml", yaml.replace("task", "nope"),
                Map.of("Content-Type", "text/yaml; charset=utf-8"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/field").asString()).isEqualTo("steps.a.type");
        var broken = node.send("PUT", "/v1/workflows/bad-yaml", "steps: [unclosed",
                Map.of("Content-Type", "application/x-yaml"));
        assertThat(broken.status()).as(broken.body()).isEqualTo(400);
    }

    @Test
    void badDefinitionsAre400NamingTheFieldAndUnknownFunctions404() {
        var bad = node.put("/v1/workflows/bad", "{\"startAt\":\"fan\",\"steps\":{\"fan\":{\"type\":\"map\","
                + "\"itemsPath\":\"items\",\"function\":\"square\",\"end\":true}}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/field").asString()).isEqualTo("steps.fan.itemsPath");
        var cycle = node.put("/v1/workflows/bad", "{\"startAt\":\"a\",\"steps\":{\"a\":{\"type\":\"task\","
                + "\"function\":\"echo\",\"next\":\"a\"}}}");
        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.json().at("/error/message").asString()).contains("cycle");
        assertThat(node.put("/v1/workflows/bad", "{\"startAt\":\"a\",\"steps\":{\"a\":{\"type\":\"task\","
                + "\"function\":\"no-such-fn\",\"end\":true}}}").status()).isEqualTo(404);
        assertThat(node.put("/v1/workflows/bad", "").status()).isEqualTo(400);
        assertThat(node.get("/v1/workflows/bad").status()).isEqualTo(404);
    }

    @Test
    void runsFailWithTheStepErrorAndAsyncRunsAreAcceptedAt202() {
        node.put("/v1/workflows/failing", "{\"startAt\":\"f\",\"steps\":{\"f\":{\"type\":\"task\",\"function\":\"fail\","
                + "\"retry\":{\"maxAttempts\":2,\"backoffMs\":1},\"end\":true}}}");
        var failed = node.post("/v1/workflows/failing/run", "{}");
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.json().get("status").asString()).isEqualTo("failed");
        assertThat(failed.json().at("/error/step").asString()).isEqualTo("f");
        assertThat(failed.json().at("/error/type").asString()).isEqualTo("java.lang.IllegalStateException");

        var accepted = node.post("/v1/workflows/fanout-sum/run?mode=async", "{\"n\":10}");
        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.json().get("runId").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> node.get("/v1/workflow-runs/" + id).json()
                .get("status").asString().equals("succeeded"));
        assertThat(node.get("/v1/workflow-runs/" + id).json().at("/output/sum").asLong()).isEqualTo(285);

        assertThat(node.post("/v1/workflows/fanout-sum/run", "{\"n\":").status()).isEqualTo(400);
        assertThat(node.post("/v1/workflows/fanout-sum/run?mode=later", "{}").status()).isEqualTo(400);
        assertThat(node.post("/v1/workflows/nope/run", "{}").status()).isEqualTo(404);
        assertThat(node.get("/v1/workflow-runs/nope").status()).isEqualTo(404);
    }

    @Test
    void aRangeOutOfBoundsFailsTheRun() {
        var reply = node.post("/v1/workflows/fanout-sum/run", "{\"n\":10001}");
        assertThat(reply.json().get("status").asString()).isEqualTo("failed");
        assertThat(reply.json().at("/error/step").asString()).isEqualTo("range");
    }
}
