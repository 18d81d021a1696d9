package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on a manual clock with the hybrid-histogram keep-alive: a function invoked every 10 minutes is
 * kept loaded until its first idle time is known, then unloaded after each call and pre-warmed before the
 * next one (from what was observed while learning, then from the learned histogram).
 */
class PrewarmIT {

    private static final Pattern IDLE = Pattern.compile("kumo_instances\\{state=\"idle\"} ([0-9.]+)");
    private static final Duration PERIOD = Duration.ofMinutes(10);

    @Test
    void periodicFunctionIsPrewarmedBeforeEachArrivalOnceLearned(@TempDir Path data) {
        var clock = ManualClock.at(Instant.parse("2026-01-05T08:00:00Z"));
        try (var node = Node.start(data, c -> c.withKeepAlive("hybrid-histogram"), clock)) {
            var http = node.http;
            assertThat(http.putJar("/v1/functions/tick/code?handler=dev.kumo.examples.Hello",
                    Node.examplesJarBytes()).status()).isEqualTo(201);
            Instant first = clock.instant();
            int calls = 14;
            for (int i = 0; i < calls; i++) {
                Instant arrival = first.plus(PERIOD.multipliedBy(i));
                clock.set(arrival);
                var reply = http.invoke("tick", "{\"name\":\"t" + i + "\"}");
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.header("Kumo-Cold-Start")).as("call %d", i).isEqualTo(i == 0 ? "true" : "false");

                clock.set(arrival.plus(Duration.ofMinutes(4)));
                int midway = idle(http);
                if (i == 0) {
                    assertThat(midway).as("no idle time known yet: kept loaded").isEqualTo(1);
                } else {
                    assertThat(midway).as("after call %d: unloaded between calls", i).isZero();
                }
                // The reaper (every second, on the manual clock) loads the instance at the pre-warm point.
                clock.set(arrival.plus(Duration.ofMinutes(9)));
                await().atMost(Duration.ofSeconds(15)).until(() -> idle(http) == 1);
            }
        }
    }

    private static int idle(Http http) {
        var m = IDLE.matcher(http.get("/metrics").body());
        return m.find() ? (int) Double.parseDouble(m.group(1)) : -1;
    }
}
