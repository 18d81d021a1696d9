package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Under concurrency, every line printed by an activation lands in that activation's logs and no other. */
class LogAttributionIT {

    @Test
    void concurrentActivationsGetOnlyTheirOwnLines(@TempDir Path data) throws Exception {
        try (var node = Node.start(data); var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            int n = 16;
            int lines = 25;
            var futures = new ArrayList<Future<Http.Reply>>();
            for (int i = 0; i < n; i++) {
                String body = "{\"tag\":\"tag" + i + "x\",\"lines\":" + lines + "}";
                futures.add(pool.submit(() -> node.http.invoke("print", body)));
            }
            for (int i = 0; i < n; i++) {
                var reply = futures.get(i).get();
                assertThat(reply.status()).isEqualTo(200);
                var logs = node.http.get("/v1/activations/" + reply.header("Kumo-Activation-Id") + "/logs").json()
                        .get("logs");
                String own = "tag" + i + "x";
                assertThat(logs).hasSize(2 * lines);
                logs.forEach(line -> assertThat(line.asString()).contains(own));
            }
        }
    }
}
