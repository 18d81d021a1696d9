package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import dev.kumo.server.ProcessSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The process tier through the HTTP API: Node.js and Python functions deployed as zips run as worker processes
 * over the Lambda Runtime API; results, errors and each activation's own log lines come back.
 */
class ProcessTierIT {

    @RegisterExtension
    static final NodeExtension kumo = new NodeExtension();

    private static final String NODE = """
            console.log('node worker loading');
            exports.handler = async (event, context) => {
              console.log('node got ' + event.name);
              if (event.fail) { throw new RangeError('too far: ' + event.name); }
              return { greeting: 'Hello, ' + event.name + '!', fn: context.functionName,
                       region: process.env.AWS_REGION, mode: process.env.MODE };
            };
            """;

    private static final String PYTHON = """
            import os
            def handler(event, context):
                print("python got", event["name"])
                return {"greeting": "Hi, %s!" % event["name"], "version": context.function_version,
                        "mode": os.environ.get("MODE")}
            """;

    @Test
    void nodeAndPythonFunctionsRunAsWorkerProcessesWithTheirLogs() {
        deploy("node-hello", "nodejs20.x", "index.handler", Map.of("index.js", NODE));
        deploy("py-hello", "python3.12", "app.handler", Map.of("app.py", PYTHON));

        for (String name : List.of("Ada", "Grace")) {
            var reply = kumo.http().invoke("node-hello", "{\"name\":\"" + name + "\"}");
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().get("greeting").asString()).isEqualTo("Hello, " + name + "!");
            assertThat(reply.json().get("fn").asString()).isEqualTo("node-hello");
            assertThat(reply.json().get("region").asString()).isEqualTo("us-east-1");
            assertThat(reply.json().get("mode").asString()).isEqualTo("e2e");
            // the cold start's lines belong to the activation that caused it
            assertThat(logs(reply)).containsExactlyElementsOf(name.equals("Ada")
                    ? List.of("node worker loading", "node got Ada") : List.of("node got " + name));
        }

        var py = kumo.http().invoke("py-hello", "{\"name\":\"Linus\"}");
        assertThat(py.status()).as(py.body()).isEqualTo(200);
        assertThat(py.json().get("greeting").asString()).isEqualTo("Hi, Linus!");
        assertThat(py.json().get("version").asString()).isEqualTo("$LATEST");
        assertThat(py.json().get("mode").asString()).isEqualTo("e2e");
        assertThat(logs(py)).containsExactly("python got Linus");
        var activation = kumo.http().get("/v1/activations/" + py.header("Kumo-Activation-Id")).json();
        assertThat(activation.get("status").asString()).isEqualTo("success");
    }

    @Test
    void aThrowingNodeFunctionIsAFunctionErrorWithItsTypeAndMessage() {
        deploy("node-fail", "nodejs", "index.handler", Map.of("index.js", NODE));
        var reply = kumo.http().invoke("node-fail", "{\"name\":\"Mars\",\"fail\":true}");
        assertThat(reply.status()).isBetween(400, 599);
        assertThat(reply.body()).contains("RangeError").contains("too far: Mars");
        var activation = kumo.http().get("/v1/activations/" + reply.header("Kumo-Activation-Id")).json();
        assertThat(activation.get("status").asString()).isEqualTo("error");
        assertThat(logs(reply)).contains("node got Mars");
    }

    @Test
    void aMissingHandlerFileIsRefusedAtDeploy() {
        var reply = kumo.http().put("/v1/functions/py-broken", body("python3", "nothere.handler",
                Map.of("app.py", PYTHON)));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("nothere");
    }

    @Test
    void aNodeWithTheProcessTierOffRefusesProcessFunctionsNamingTheTier(@TempDir Path data) {
        try (var node = Node.start(data, c -> c.withProcess(ProcessSettings.off()))) {
            var reply = node.http.put("/v1/functions/py-off", body("python3", "app.handler", Map.of("app.py", PYTHON)));
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).contains("tier").contains("switched off");
        }
    }

    private static void deploy(String name, String runtime, String handler, Map<String, String> files) {
        var reply = kumo.http().put("/v1/functions/" + name, body(runtime, handler, files));
        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
    }

    private static String body(String runtime, String handler, Map<String, String> files) {
        return "{\"handler\":\"" + handler + "\",\"runtime\":\"" + runtime + "\",\"tier\":\"process\","
                + "\"timeoutMs\":20000,\"env\":{\"MODE\":\"e2e\"},\"code\":{\"zipBase64\":\""
                + Base64.getEncoder().encodeToString(zip(files)) + "\"}}";
    }

    private static List<String> logs(Http.Reply reply) {
        JsonNode logs = kumo.http().get("/v1/activations/" + reply.header("Kumo-Activation-Id") + "/logs").json()
                .get("logs");
        var lines = new ArrayList<String>();
        logs.forEach(l -> lines.add(l.asString()));
        return lines;
    }

    private static byte[] zip(Map<String, String> files) {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (var e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
