package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schedules across {@code kill -9}: ticks fired before the kill stay fired, the ticks missed while the node
 * was down are caught up by exactly one fire (the documented policy: the latest missed tick, never a burst),
 * and no tick fires twice.
 */
class ScheduleRestartIT {

    private static final long PERIOD_MS = 2_000;

    @Test
    void missedTicksFireOnceAfterARestartAndNoTickFiresTwice(@TempDir Path data, @TempDir Path ledger)
            throws Exception {
        Files.createDirectories(ledger.resolve("effects"));
        long killedAt;
        try (var node = ForkedNode.start(data)) {
            AsyncKillRecoveryIT.deployLedger(node.http);
            var put = node.http.put("/v1/schedules/tick", "{\"function\":\"ledger\",\"expression\":\"rate(2 seconds)\","
                    + "\"payload\":{\"dir\":\"" + ledger.toString().replace("\\", "\\\\") + "\"}}");
            assertThat(put.status()).as(put.body()).isIn(200, 201);
            await().atMost(Duration.ofSeconds(20)).until(() -> ticks(ledger).size() >= 2);
            // Mid-period, so that no fire is running: a run cut off by the kill would run again (at-least-once),
            // which the runs log would show as a second run of its tick.
            Thread.sleep(PERIOD_MS / 2);
            node.kill9();
            killedAt = System.currentTimeMillis();
        }
        var beforeKill = ticks(ledger);
        Thread.sleep(4 * PERIOD_MS + 500); // at least four ticks pass while the node is down
        long restartedAt = System.currentTimeMillis();
        try (var node = ForkedNode.start(data)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> ticks(ledger).stream().anyMatch(t -> t > restartedAt));
            Thread.sleep(PERIOD_MS / 2);
            var all = ticks(ledger);
            assertThat(all).containsAll(beforeKill);
            var downtime = all.stream().filter(t -> t > killedAt + PERIOD_MS && t < restartedAt).toList();
            assertThat(downtime).as("missed ticks caught up by one fire, not a burst").hasSize(1);
            assertThat(downtime.getFirst()).as("the latest missed tick").isGreaterThan(restartedAt - PERIOD_MS - 1);
            var sorted = List.copyOf(all);
            for (int i = 1; i < sorted.size(); i++) {
                assertThat(sorted.get(i) - sorted.get(i - 1)).as("ticks are whole periods apart")
                        .isPositive().isEqualTo((sorted.get(i) - sorted.get(i - 1)) / PERIOD_MS * PERIOD_MS);
            }
            var runs = AsyncKillRecoveryIT.runs(ledger);
            System.out.printf("schedule restart: %d ticks before the kill, 1 catch-up fire, %d ticks in all, "
                    + "%d runs%n", beforeKill.size(), all.size(), runs.size());
        }
    }

    /** Tick times (epoch ms) whose effect exists, in order: a tick fired twice would still be one effect,
     *  so double fires are checked through the runs log instead. */
    private static TreeSet<Long> ticks(Path ledger) {
        var runs = AsyncKillRecoveryIT.runs(ledger);
        var distinct = new TreeSet<Long>();
        for (var run : runs) {
            assertThat(distinct.add(Long.parseLong(run.substring("tick-".length()))))
                    .as("tick %s fired twice", run).isTrue();
        }
        return distinct;
    }
}
