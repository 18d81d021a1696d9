package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything acknowledged with a 2xx survives {@code kill -9} of the server process. */
class RestartPersistenceIT {

    @Test
    void deploysVersionsAndAliasesSurviveKill9(@TempDir Path data) throws Exception {
        String sha;
        try (var node = ForkedNode.start(data)) {
            var deployed = node.http.putJar("/v1/functions/durable/code?handler=dev.kumo.examples.Hello&memoryMb=512",
                    Node.examplesJarBytes());
            assertThat(deployed.status()).isEqualTo(201);
            sha = deployed.json().get("codeSha256").asString();
            assertThat(node.http.post("/v1/functions/durable/versions", "").status()).isEqualTo(201);
            assertThat(node.http.put("/v1/functions/durable", "{\"timeoutMs\":1234}").status()).isEqualTo(200);
            assertThat(node.http.post("/v1/functions/durable/versions", "").status()).isEqualTo(201);
            assertThat(node.http.put("/v1/functions/durable/aliases/prod",
                    "{\"version\":\"2\",\"additionalVersionWeights\":{\"1\":0.5}}").status()).isEqualTo(200);
            node.kill9();
        }
        try (var node = ForkedNode.start(data)) {
            var latest = node.http.get("/v1/functions/durable").json();
            assertThat(latest.get("timeoutMs").asLong()).isEqualTo(1234);
            assertThat(latest.get("memoryMb").asInt()).isEqualTo(512);
            assertThat(latest.get("codeSha256").asString()).isEqualTo(sha);
            assertThat(node.http.get("/v1/functions/durable/versions").json().get("items")).hasSize(2);
            var alias = node.http.get("/v1/functions/durable/aliases/prod").json();
            assertThat(alias.get("version").asString()).isEqualTo("2");
            assertThat(alias.get("additionalVersionWeights").get("1").asDouble()).isEqualTo(0.5);
            var reply = node.http.post("/v1/functions/durable/invoke?qualifier=prod", "{\"name\":\"again\"}");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("message").asString()).isEqualTo("Hello, again!");
        }
    }
}
