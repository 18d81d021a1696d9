package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the server in the middle of a workflow: a map of 200 slow {@code Ledger} elements, 4 at
 * a time. After the restart the run resumes and succeeds; every element that had arrived at the join before
 * the kill does not run again, so only the elements running at the kill may have run twice (at most the
 * map's window of 4).
 */
class WorkflowKillIT {

    private static final int ITEMS = 200;
    private static final int WINDOW = 4;

    @Test
    void aWorkflowKilledMidMapResumesWithoutRerunningCompletedElements(@TempDir Path data, @TempDir Path ledger)
            throws Exception {
        Files.createDirectories(ledger.resolve("effects"));
        String dir = ledger.toString().replace("\\", "\\\\");
        String items = IntStream.range(0, ITEMS).mapToObj(i -> "{\"dir\":\"" + dir + "\",\"key\":\"k" + i
                + "\",\"sleepMs\":40}").collect(Collectors.joining(",", "[", "]"));
        String runId;
        int ranBeforeKill;
        try (var node = ForkedNode.start(data)) {
            AsyncKillRecoveryIT.deployLedger(node.http);
            assertThat(node.http.put("/v1/workflows/ledger-map", "{\"startAt\":\"m\",\"steps\":{\"m\":{\"type\":"
                    + "\"map\",\"itemsPath\":\"$.items\",\"function\":\"ledger\",\"maxConcurrency\":" + WINDOW
                    + ",\"end\":true}}}").status()).isEqualTo(201);
            var started = node.http.post("/v1/workflows/ledger-map/run?mode=async", "{\"items\":" + items + "}");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            runId = started.json().get("runId").asString();
            await().atMost(Duration.ofSeconds(60)).until(() -> AsyncKillRecoveryIT.runs(ledger).size() >= ITEMS / 3);
            node.kill9();
        }
        ranBeforeKill = AsyncKillRecoveryIT.runs(ledger).size();
        assertThat(ranBeforeKill).as("killed in the middle").isBetween(1, ITEMS - 1);

        try (var node = ForkedNode.start(data)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                    node.http.get("/v1/workflow-runs/" + runId).json().get("status").asString().equals("succeeded"));
            var run = node.http.get("/v1/workflow-runs/" + runId).json();
            assertThat(run.get("output")).hasSize(ITEMS);
            var perKey = AsyncKillRecoveryIT.runs(ledger).stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            long twice = perKey.values().stream().filter(c -> c > 1).count();
            long maxRuns = perKey.values().stream().mapToLong(Long::longValue).max().orElse(0);
            System.out.printf("workflow kill -9: %d of %d elements ran before the kill, %d runs in all, %d elements"
                    + " ran twice (window %d), none more%n", ranBeforeKill, ITEMS,
                    AsyncKillRecoveryIT.runs(ledger).size(), twice, WINDOW);
            assertThat(perKey).as("every element ran").hasSize(ITEMS);
            assertThat(maxRuns).isLessThanOrEqualTo(2);
            assertThat(twice).as("only elements running at the kill ran again").isLessThanOrEqualTo(WINDOW);
            try (var effects = Files.list(ledger.resolve("effects"))) {
                assertThat(effects.count()).isEqualTo(ITEMS);
            }
        }
    }
}
