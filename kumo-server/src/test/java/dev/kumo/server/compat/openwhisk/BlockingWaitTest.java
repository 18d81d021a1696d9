package dev.kumo.server.compat.openwhisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.server.OpenWhiskSettings;
import dev.kumo.server.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A blocking invocation still running after the blocking wait is answered 202 and runs on, as in OpenWhisk. */
class BlockingWaitTest {

    @Test
    void aSlowBlockingInvocationIsAnswered202AndFinishesLater(@TempDir Path data) {
        try (var node = RunningServer.start(data, c -> c.withOpenWhisk(
                new OpenWhiskSettings(Optional.empty(), false, Duration.ofMillis(300))))) {
            var headers = OpenWhiskRoutesTest.auth(OpenWhiskRoutesTest.GUEST);
            String ns = OpenWhiskRoutesTest.NS;

            var slow = node.send("POST", ns + "/actions/sleep?blocking=true", "{\"ms\":1500}", headers);
            assertThat(slow.status()).as(slow.body()).isEqualTo(202);
            String id = slow.json().get("activationId").asString();
            assertThat(node.send("GET", ns + "/activations/" + id, "", headers).status()).isEqualTo(404);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    node.send("GET", ns + "/activations/" + id, "", headers).json().at("/response/status").asString())
                    .isEqualTo("success"));

            var quick = node.send("POST", ns + "/actions/echo?blocking=true&result=true", "{\"x\":2}", headers);
            assertThat(quick.status()).as(quick.body()).isEqualTo(200);
        }
    }
}
