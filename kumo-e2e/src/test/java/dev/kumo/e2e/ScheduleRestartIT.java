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
        }
        var beforeKill = ticks(ledger);
        Thread.sleep(4 * PERIOD_MS + 500); // at least four ticks pass while the node is down
        long restartedAt = System.currentTimeMillis();
        try (var node = ForkedNode.start(data)) {
            long upAt = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(20)).until(() -> ticks(ledger).stream().anyMatch(t -> t > upAt));
            var all = ticks(ledger);
            assertThat(all).containsAll(beforeKill);
            var after = List.copyOf(all.tailSet(beforeKill.last(), false));
            long catchUp = after.getFirst();
            assertThat(catchUp).as("the one catch-up fire is for the latest missed tick, not an old one (no burst)")
                    .isGreaterThan(restartedAt - PERIOD_MS).isLessThanOrEqualTo(upAt);
            assertThat(catchUp - beforeKill.last()).as("ticks missed while the node was down")
                    .isGreaterThanOrEqualTo(4 * PERIOD_MS);
            for (int i = 1; i < after.size(); i++) {
                assertThat(after.get(i) - after.get(i - 1)).as("after the catch-up, every tick fires once")
                        .isEqualTo(PERIOD_MS);
            }
            var runs = AsyncKillRecoveryIT.runs(ledger);
            System.out.printf("schedule restart: %d ticks before the kill, %d missed, 1 catch-up fire, %d ticks "
                    + "in all, %d runs%n", beforeKill.size(), (catchUp - beforeKill.last()) / PERIOD_MS - 1,
                    all.size(), runs.size());
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
