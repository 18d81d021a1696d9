package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Functions in the sandbox tier try to escape: read the server's data directory and another function's code,
 * write outside /tmp, fork-bomb, exhaust memory, open sockets with the network off, spin past the timeout.
 * Each attempt ends as a plain activation status (error, out-of-memory, timeout...), and the platform and
 * another sandboxed function keep serving after each.
 */
class SandboxEscapeIT {

    @RegisterExtension
    static final NodeExtension kumo = new NodeExtension();

    private static byte[] code;

    @BeforeAll
    static void deploy() {
        code = zip("app.py", resource("app.py"));
        deploy("healthy", "app.healthy", 3_000, code);
        // Different code, so a different task root: the secret the attacker looks for.
        deploy("victim", "app.healthy", 3_000, zip("app.py", resource("app.py"), "secret.txt", "victim's secret"));
    }

    @Test
    void theServersDataDirectoryIsNotThere() throws IOException {
        deploy("read-file", "app.read_file", 3_000, code);
        Path stored;
        try (Stream<Path> files = Files.walk(kumo.node().data)) {
            stored = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        JsonNode activation = failed("read-file", "{\"path\":\"" + stored + "\"}", 502, "error");
        assertThat(activation.get("error").get("errorType").asString()).isEqualTo("FileNotFoundError");
        stillServing();
    }

    @Test
    void anotherFunctionsCodeIsNotThere() {
        Http.Reply victim = kumo.http().invoke("victim", "{}");
        assertThat(victim.status()).as(victim.body()).isEqualTo(200);
        String victimRoot = victim.json().get("root").asString();
        String ownRoot = kumo.http().invoke("healthy", "{}").json().get("root").asString();
        assertThat(Path.of(victimRoot, "secret.txt")).as("the victim's code on the host").exists();
        assertThat(victimRoot).isNotEqualTo(ownRoot);

        deploy("read-other", "app.read_file", 3_000, code);
        JsonNode activation = failed("read-other", "{\"path\":\"" + victimRoot + "/secret.txt\"}", 502, "error");
        assertThat(activation.get("error").get("errorType").asString()).isEqualTo("FileNotFoundError");

        deploy("list-parent", "app.list_parent", 3_000, code);
        Http.Reply listing = kumo.http().invoke("list-parent", "{}");
        assertThat(listing.status()).as(listing.body()).isEqualTo(200);
        var names = new java.util.ArrayList<String>();
        listing.json().forEach(n -> names.add(n.asString()));
        assertThat(names).as("the only task root in sight is its own").containsExactly(Path.of(ownRoot).getFileName().toString());
        stillServing();
    }

    @Test
    void nothingOutsideTmpIsWritable() {
        deploy("write-file", "app.write_file", 3_000, code);
        String root = kumo.http().invoke("healthy", "{}").json().get("root").asString();
        for (String target : new String[] {root + "/escaped.txt", "/usr/escaped.txt", "/etc/escaped.txt",
                kumo.node().data + "/escaped.txt"}) {
            JsonNode activation = failed("write-file", "{\"path\":\"" + target + "\"}", 502, "error");
            assertThat(activation.get("error").get("errorType").asString()).as(target)
                    .isIn("OSError", "PermissionError", "FileNotFoundError");
            assertThat(Path.of(target)).as("nothing written on the host").doesNotExist();
        }
        String own = "/tmp/kumo-sandbox-" + java.util.UUID.randomUUID() + ".txt";
        Http.Reply tmp = kumo.http().invoke("write-file", "{\"path\":\"" + own + "\"}");
        assertThat(tmp.status()).as(tmp.body()).isEqualTo(200);
        assertThat(Path.of(own)).as("the sandbox's /tmp is its own").doesNotExist();
        stillServing();
    }

    @Test
    void aForkBombIsContained() {
        deploy("fork-bomb", "app.fork_bomb", 3_000, code);
        Http.Reply reply = kumo.http().invoke("fork-bomb", "{}");
        assertThat(reply.status()).as(reply.body()).isIn(502, 504);
        assertThat(status(reply)).isIn("timeout", "out-of-memory", "crashed");
        stillServing();
    }

    @Test
    void aMemoryBombEndsAsOutOfMemory() {
        deploy("memory-bomb", "app.memory_bomb", 10_000, code);
        JsonNode activation = failed("memory-bomb", "{}", 502, "out-of-memory");
        assertThat(activation.get("error").get("errorType").asString()).isEqualTo("Runtime.OutOfMemory");
        stillServing();
    }

    @Test
    void theNetworkIsOffButForTheRuntimeApi() {
        deploy("connect", "app.connect", 10_000, code);
        String self = "{\"host\":\"127.0.0.1\",\"port\":" + kumo.node().server.port() + "}";
        for (String target : new String[] {"{\"host\":\"1.1.1.1\",\"port\":53}", self}) {
            JsonNode activation = failed("connect", target, 502, "error");
            assertThat(activation.get("error").get("errorType").asString()).as(target)
                    .isIn("OSError", "ConnectionRefusedError", "TimeoutError");
        }
        stillServing();
    }

    @Test
    void egressIsOptIn() {
        Http.Reply reply = kumo.http().send("PUT", "/v1/functions/connect-out/code?runtime=python3&tier=sandbox"
                + "&network=egress&memoryMb=128&timeoutMs=10000&handler=app.connect", code, "application/zip");
        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
        assertThat(reply.json().get("network").asString()).isEqualTo("egress");
        String self = "{\"host\":\"127.0.0.1\",\"port\":" + kumo.node().server.port() + "}";
        Http.Reply connected = kumo.http().post("/v1/functions/connect-out/invoke", self);
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);

        Http.Reply refused = kumo.http().send("PUT", "/v1/functions/connect-out/code?runtime=python3&tier=process"
                + "&network=none&handler=app.connect", code, "application/zip");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("network").contains("only the sandbox tier runs without network");
    }

    @Test
    void aSpinningFunctionIsStoppedAtItsTimeout() {
        deploy("spin", "app.spin", 1_500, code);
        Http.Reply reply = kumo.http().invoke("spin", "{}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(504);
        assertThat(status(reply)).isEqualTo("timeout");
        Http.Reply again = kumo.http().invoke("spin", "{}");
        assertThat(again.status()).as("a fresh worker, stopped again").isEqualTo(504);
        stillServing();
    }

    /** The platform and another sandboxed function still answer. */
    private static void stillServing() {
        Http.Reply reply = kumo.http().invoke("healthy", "{}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("uid").asInt()).as("runs as nobody").isEqualTo(65534);
        assertThat(kumo.http().invoke("hello", "{\"name\":\"still here\"}").status()).isEqualTo(200);
    }

    /** Invokes {@code function}, expects {@code httpStatus}, returns its recorded activation with {@code status}. */
    private static JsonNode failed(String function, String payload, int httpStatus, String status) {
        Http.Reply reply = kumo.http().invoke(function, payload);
        assertThat(reply.status()).as(reply.body()).isEqualTo(httpStatus);
        JsonNode activation = activation(reply);
        assertThat(activation.get("status").asString()).as(activation.toString()).isEqualTo(status);
        return activation;
    }

    private static String status(Http.Reply reply) {
        return activation(reply).get("status").asString();
    }

    private static JsonNode activation(Http.Reply reply) {
        String id = reply.header("Kumo-Activation-Id");
        assertThat(id).as(reply.body()).isNotBlank();
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Http.Reply r = kumo.http().get("/v1/activations/" + id);
            found[0] = r.status() == 200 ? r.json() : null;
            return found[0] != null && !found[0].get("status").asString().equals("running");
        });
        return found[0];
    }

    private static void deploy(String name, String handler, long timeoutMs, byte[] zip) {
        Http.Reply reply = kumo.http().send("PUT", "/v1/functions/" + name + "/code?runtime=python3&tier=sandbox"
                + "&memoryMb=128&timeoutMs=" + timeoutMs + "&handler=" + handler, zip, "application/zip");
        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
    }

    private static String resource(String name) {
        try (InputStream in = SandboxEscapeIT.class.getResourceAsStream("/sandbox-escape/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] zip(String... namesAndContents) {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
