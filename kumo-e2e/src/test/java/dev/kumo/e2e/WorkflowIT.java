package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.e2e.fixtures.Flaky;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** DAG workflows over real HTTP: the {@code fanout-sum} example, and failing branches with retries. */
class WorkflowIT {

    @RegisterExtension
    static final NodeExtension kumo = new NodeExtension();

    @TempDir
    Path dir;

    @Test
    void fanoutSumOf100SquaresFansOutAndIn() {
        var reply = kumo.http().post("/v1/workflows/fanout-sum/run", "{\"n\":100}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("status").asString()).isEqualTo("succeeded");
        assertThat(reply.json().at("/output/sum").asLong()).isEqualTo(328350);
        var run = kumo.http().get("/v1/workflow-runs/" + reply.json().get("runId").asString()).json();
        assertThat(run.at("/steps/squares/items").asInt()).isEqualTo(100);
        assertThat(run.at("/steps/sum/status").asString()).isEqualTo("succeeded");
    }

    @Test
    void aBranchThatFailsTwiceSucceedsOnItsThirdTryAndOneOutOfRetriesFailsTheRun() throws IOException {
        var http = kumo.http();
        var deploy = http.putJar("/v1/functions/flaky/code?handler=" + Flaky.class.getName(), Jars.of(Flaky.class));
        assertThat(deploy.status()).as(deploy.body()).isIn(200, 201);
        String def = """
                {"startAt":"both","steps":{"both":{"type":"parallel","end":true,"branches":[
                  {"startAt":"f","steps":{"f":{"type":"task","function":"flaky",
                     "retry":{"maxAttempts":3,"backoffMs":20},"end":true}}},
                  {"startAt":"e","steps":{"e":{"type":"task","function":"echo","inputPath":"$.key","end":true}}}]}}}""";
        assertThat(http.put("/v1/workflows/flaky-pair", def).status()).isEqualTo(201);
        String dirJson = dir.toString().replace("\\", "\\\\");

        var ok = http.post("/v1/workflows/flaky-pair/run", "{\"dir\":\"" + dirJson + "\",\"key\":\"a\",\"failures\":2}");
        assertThat(ok.json().get("status").asString()).as(ok.body()).isEqualTo("succeeded");
        assertThat(ok.json().at("/output/0/attempt").asInt()).isEqualTo(3);
        assertThat(ok.json().at("/output/1").asString()).isEqualTo("a");
        var steps = http.get("/v1/workflow-runs/" + ok.json().get("runId").asString()).json().get("steps");
        assertThat(steps.at("/both~10~1f/attempts").asInt()).isEqualTo(3);
        assertThat(steps.at("/both~10~1f/activationIds")).hasSize(3);

        var failed = http.post("/v1/workflows/flaky-pair/run", "{\"dir\":\"" + dirJson + "\",\"key\":\"b\","
                + "\"failures\":5}");
        assertThat(failed.json().get("status").asString()).isEqualTo("failed");
        assertThat(failed.json().at("/error/step").asString()).isEqualTo("both/0/f");
        assertThat(failed.json().at("/error/message").asString()).contains("try 3 of b fails");

        var tries = Files.readAllLines(dir.resolve("attempts.log"));
        assertThat(tries.stream().filter("a"::equals).count()).as("tries of a").isEqualTo(3);
        assertThat(tries.stream().filter("b"::equals).count()).as("tries of b: maxAttempts, no more").isEqualTo(3);
    }
}
