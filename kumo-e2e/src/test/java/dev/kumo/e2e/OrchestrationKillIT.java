package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.e2e.fixtures.LedgerSaga;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the server in the middle of a durable orchestration that calls the {@code Ledger}
 * fixture {@value #CALLS} times with a {@code sleep} after each. After the restart the run resumes by replay
 * and succeeds; every call journaled as completed before the kill does not run again, so at most the one call
 * running at the kill may have run twice.
 */
class OrchestrationKillIT {

    private static final int CALLS = 8;

    @Test
    void anOrchestrationKilledMidwayResumesWithoutRerunningCompletedCalls(@TempDir Path data, @TempDir Path ledger)
            throws Exception {
        Files.createDirectories(ledger.resolve("effects"));
        String dir = ledger.toString().replace("\\", "\\\\");
        String runId;
        int ranBeforeKill;
        try (var node = ForkedNode.start(data)) {
            AsyncKillRecoveryIT.deployLedger(node.http);
            var deploy = node.http.putJar("/v1/functions/ledger-saga/code?handler=" + LedgerSaga.class.getName(),
                    Jars.of(LedgerSaga.class));
            assertThat(deploy.status()).as(deploy.body()).isEqualTo(201);
            var started = node.http.post("/v1/orchestrations/ledger-saga/start",
                    "{\"dir\":\"" + dir + "\",\"n\":" + CALLS + ",\"pauseMs\":300}");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            runId = started.json().get("runId").asString();
            await().atMost(Duration.ofSeconds(60)).until(() -> AsyncKillRecoveryIT.runs(ledger).size() >= CALLS / 2);
            node.kill9();
        }
        ranBeforeKill = AsyncKillRecoveryIT.runs(ledger).size();
        assertThat(ranBeforeKill).as("killed in the middle").isBetween(1, CALLS - 1);

        try (var node = ForkedNode.start(data)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                    node.http.get("/v1/workflow-runs/" + runId).json().get("status").asString().equals("succeeded"));
            var run = node.http.get("/v1/workflow-runs/" + runId).json();
            assertThat(run.get("output")).hasSize(CALLS);
            assertThat(run.get("steps")).hasSize(2 * CALLS);
            var perKey = AsyncKillRecoveryIT.runs(ledger).stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            long twice = perKey.values().stream().filter(c -> c > 1).count();
            System.out.printf("orchestration kill -9: %d of %d calls ran before the kill, %d runs in all, %d ran"
                    + " twice%n", ranBeforeKill, CALLS, AsyncKillRecoveryIT.runs(ledger).size(), twice);
            assertThat(perKey).as("every call ran").hasSize(CALLS);
            assertThat(perKey.values()).allMatch(c -> c <= 2);
            assertThat(twice).as("only the call running at the kill ran again").isLessThanOrEqualTo(1);
            try (var effects = Files.list(ledger.resolve("effects"))) {
                assertThat(effects.count()).isEqualTo(CALLS);
            }
        }
    }
}
