package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Past the node's in-flight limit, the server sheds load with 429s instead of queueing or failing. */
class OverloadIT {

    @Test
    void tenTimesOverloadIsShedWith429(@TempDir Path data) throws Exception {
        int limit = 8;
        try (var node = Node.start(data, c -> c.withLimits(c.memoryBudgetMb(), limit, c.maxSyncPayloadBytes()));
             var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<Http.Reply>>();
            for (int i = 0; i < 10 * limit; i++) {
                futures.add(pool.submit(() -> node.http.invoke("sleep", "{\"ms\":300}")));
            }
            int ok = 0;
            int shed = 0;
            for (var f : futures) {
                var reply = f.get();
                assertThat(reply.status()).as(reply.body()).isIn(200, 429);
                if (reply.status() == 200) {
                    ok++;
                } else {
                    shed++;
                    assertThat(reply.header("Retry-After")).isNotEmpty();
                }
            }
            assertThat(ok).isGreaterThanOrEqualTo(limit);
            assertThat(shed).isGreaterThan(0);
            var metrics = node.http.get("/metrics").body();
            assertThat(metrics).contains("kumo_rejections_total");
        }
    }
}
