package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.e2e.fixtures.Quitter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExitRefusedIT {

    @Test
    void codeCallingSystemExitIsRefusedAndThePlatformKeepsServing(@TempDir Path data) {
        try (var node = Node.start(data)) {
            var reply = node.http.putJar("/v1/functions/quitter/code?handler=" + Quitter.class.getName(),
                    Jars.of(Quitter.class));
            assertThat(reply.status()).isEqualTo(400);
            var error = reply.json().get("error");
            assertThat(error.get("code").asString()).isEqualTo("ForbiddenCall");
            assertThat(error.get("message").asString())
                    .contains(Quitter.class.getName() + ".handle")
                    .contains("java.lang.System.exit")
                    .contains("java.lang.Runtime.halt");
            assertThat(node.http.get("/v1/functions/quitter").status()).isEqualTo(404);
            assertThat(node.http.invoke("hello", "{}").status()).isEqualTo(200);
        }
    }
}
