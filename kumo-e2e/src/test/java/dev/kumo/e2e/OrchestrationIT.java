package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code approval} example orchestration over HTTP: start, wait for the event, finish by replay. */
class OrchestrationIT {

    @RegisterExtension
    static final NodeExtension kumo = new NodeExtension();

    private String startWaiting(String input) {
        var started = kumo.http().post("/v1/orchestrations/approval/start", input);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        var runId = started.json().get("runId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                kumo.http().get("/v1/workflow-runs/" + runId).json().get("status").asString().equals("waiting"));
        return runId;
    }

    @Test
    void anApprovedRequestIsGrantedAfterTheEvent() {
        var runId = startWaiting("{\"item\":\"laptop\",\"amount\":1200}");
        var waiting = kumo.http().get("/v1/workflow-runs/" + runId).json();
        assertThat(waiting.at("/steps/0/kind").asString()).isEqualTo("call");
        assertThat(waiting.at("/steps/0/name").asString()).isEqualTo("prepare-request");
        assertThat(waiting.at("/steps/0/status").asString()).isEqualTo("succeeded");
        assertThat(waiting.at("/steps/1/kind").asString()).isEqualTo("event");
        assertThat(waiting.at("/steps/1/status").asString()).isEqualTo("waiting");

        var sent = kumo.http().post("/v1/workflow-runs/" + runId + "/events/approval",
                "{\"approved\":true,\"by\":\"ada\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                kumo.http().get("/v1/workflow-runs/" + runId).json().get("status").asString().equals("succeeded"));
        var run = kumo.http().get("/v1/workflow-runs/" + runId).json();
        assertThat(run.at("/output/approved").asBoolean()).isTrue();
        assertThat(run.at("/output/outcome/action").asString()).isEqualTo("grant-request");
        assertThat(run.at("/output/request/item").asString()).isEqualTo("laptop");
        assertThat(run.at("/steps/2/name").asString()).isEqualTo("grant-request");

        var late = kumo.http().post("/v1/workflow-runs/" + runId + "/events/approval", "{}");
        assertThat(late.status()).as("an ended run takes no events").isEqualTo(409);
    }

    @Test
    void aRejectedRequestIsRejectedAndWaitReturnsTheOutcome() {
        var runId = startWaiting("{\"item\":\"yacht\"}");
        assertThat(kumo.http().post("/v1/workflow-runs/" + runId + "/events/approval",
                "{\"approved\":false,\"by\":\"bob\"}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                kumo.http().get("/v1/workflow-runs/" + runId).json().get("status").asString().equals("succeeded"));
        assertThat(kumo.http().get("/v1/workflow-runs/" + runId).json().at("/output/outcome/action").asString())
                .isEqualTo("reject-request");
    }

    @Test
    void unknownRunsAndFunctionsAreNotFound() {
        assertThat(kumo.http().post("/v1/workflow-runs/nope/events/approval", "{}").status()).isEqualTo(404);
        assertThat(kumo.http().post("/v1/orchestrations/no-such-fn/start", "{}").status()).isEqualTo(404);
    }

    @Test
    void aPlainFunctionIsNotAnOrchestrator() {
        var reply = kumo.http().post("/v1/orchestrations/echo/start?wait=20000", "{}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("status").asString()).isEqualTo("failed");
        assertThat(reply.json().at("/error/type").asString()).isEqualTo("NotAnOrchestrator");
    }
}
