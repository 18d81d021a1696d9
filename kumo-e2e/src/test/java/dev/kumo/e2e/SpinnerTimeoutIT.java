package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.e2e.fixtures.Spinner;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Handlers run on the request's thread; one that ignores its interrupt must still be answered at its deadline. */
class SpinnerTimeoutIT {

    @Test
    void aFunctionSpinningPastItsTimeoutIsAnswered504AtTheDeadlineAndRecorded(@TempDir Path data) {
        try (var node = Node.start(data)) {
            var deploy = node.http.putJar("/v1/functions/spinner/code?handler=" + Spinner.class.getName()
                    + "&timeoutMs=200", Jars.of(Spinner.class));
            assertThat(deploy.status()).as(deploy.body()).isEqualTo(201);
            assertThat(node.http.invoke("spinner", "0").status()).isEqualTo(200);

            long start = System.nanoTime();
            var reply = node.http.invoke("spinner", "4000");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered long before the function stops")
                    .isLessThan(Duration.ofMillis(3000));
            assertThat(reply.status()).as(reply.body()).isEqualTo(504);
            assertThat(reply.json().get("error").get("code").asString()).isEqualTo("Timeout");
            String activation = "/v1/activations/" + reply.header("Kumo-Activation-Id");
            await().atMost(Duration.ofSeconds(10)).until(() -> node.http.get(activation).status() == 200);
            assertThat(node.http.get(activation).json().get("status").asString()).isEqualTo("timeout");
            var next = node.http.invoke("spinner", "0");
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.header("Kumo-Cold-Start")).as("the spinning instance is not reused").isEqualTo("true");
        }
    }
}
