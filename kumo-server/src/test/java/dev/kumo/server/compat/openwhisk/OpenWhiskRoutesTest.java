package dev.kumo.server.compat.openwhisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.server.RunningServer;
import dev.kumo.server.WithRunningServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenWhisk-compatible routes over real HTTP: auth, actions, invocations, activations, triggers, rules. */
class OpenWhiskRoutesTest extends WithRunningServer {

    static final String GUEST = Namespaces.WELL_KNOWN_GUEST_KEY;
    static final String NS = "/api/v1/namespaces/_";

    static Map<String, String> auth(String key) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                key.getBytes(StandardCharsets.UTF_8)), "Content-Type", "application/json");
    }

    static RunningServer.Reply ow(String method, String path, String body) {
        return ow(GUEST, method, path, body);
    }

    static RunningServer.Reply ow(String key, String method, String path, String body) {
        return node.send(method, path, body, auth(key));
    }

    /** Checks the OpenWhisk error shape: JSON with a message and the request id as code. */
    static JsonNode error(RunningServer.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        var json = reply.json();
        assertThat(json.get("error").asString()).isNotBlank();
        assertThat(json.get("code").asString()).isEqualTo(reply.header(WhiskApi.REQUEST_ID)).hasSize(32);
        return json;
    }

    static String javaAction(String main, String extra) {
        return "{\"exec\":{\"kind\":\"java:default\",\"main\":\"" + main + "\",\"code\":\""
                + Base64.getEncoder().encodeToString(examplesJar()) + "\"}" + extra + "}";
    }

    @Test
    void credentialsAreRequiredAndScopedToTheirNamespace() {
        assertThat(error(node.send("GET", NS + "/actions", "", Map.of()), 401).get("error").asString())
                .contains("requires authentication");
        error(ow("23bc46b1-71f6-4ed5-8c54-816aa4f8c502:wrong", "GET", NS + "/actions", ""), 401);
        error(node.send("GET", NS + "/actions", "", Map.of("Authorization", "Basic !!!")), 401);
        assertThat(error(ow("GET", "/api/v1/namespaces/someone_else/actions", ""), 403).get("error").asString())
                .contains("someone_else");
        assertThat(ow("GET", "/api/v1/namespaces/guest/actions", "").status()).isEqualTo(200);
        assertThat(ow("GET", "/api/v1/namespaces", "").json().get(0).asString()).isEqualTo("guest");
    }

    @Test
    void javaActionLifecycle() {
        var created = ow("PUT", NS + "/actions/greet", javaAction("dev.kumo.examples.Hello",
                ",\"parameters\":[{\"key\":\"name\",\"value\":\"Param\"}],"
                        + "\"limits\":{\"timeout\":5000,\"memory\":256}"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("namespace").asString()).isEqualTo("guest");
        assertThat(created.json().get("version").asString()).isEqualTo("0.0.1");
        assertThat(created.json().at("/exec/kind").asString()).isEqualTo("java:default");
        assertThat(created.json().at("/exec/binary").asBoolean()).isTrue();
        assertThat(created.json().at("/limits/timeout").asInt()).isEqualTo(5000);
        assertThat(created.json().at("/parameters/0/value").asString()).isEqualTo("Param");

        error(ow("PUT", NS + "/actions/greet", javaAction("dev.kumo.examples.Hello", "")), 409);
        var updated = ow("PUT", NS + "/actions/greet?overwrite=true", "{\"publish\":true}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("version").asString()).isEqualTo("0.0.2");
        assertThat(updated.json().get("publish").asBoolean()).isTrue();
        assertThat(updated.json().at("/parameters/0/value").asString()).isEqualTo("Param");

        var got = ow("GET", NS + "/actions/greet/?", "");
        assertThat(got.status()).as(got.body()).isEqualTo(200);
        assertThat(got.json().at("/exec/main").asString()).isEqualTo("dev.kumo.examples.Hello");
        var list = ow("GET", NS + "/actions?limit=200", "").json();
        assertThat(ow("GET", NS + "/actions?count=true", "").json().get("actions").asInt()).isEqualTo(list.size());
        assertThat(list.valueStream().map(a -> a.get("name").asString())).contains("greet", "hello", "echo");

        // defaults merge under the body
        var byDefault = ow("POST", NS + "/actions/greet?blocking=true&result=true", "");
        assertThat(byDefault.status()).as(byDefault.body()).isEqualTo(200);
        assertThat(byDefault.json().get("message").asString()).isEqualTo("Hello, Param!");
        var blocking = ow("POST", NS + "/actions/greet?blocking=true", "{\"name\":\"Ada\"}");
        assertThat(blocking.status()).as(blocking.body()).isEqualTo(200);
        var record = blocking.json();
        assertThat(record.at("/response/result/message").asString()).isEqualTo("Hello, Ada!");
        assertThat(record.at("/response/status").asString()).isEqualTo("success");
        assertThat(record.at("/response/statusCode").asInt()).isZero();
        assertThat(record.at("/response/success").asBoolean()).isTrue();
        assertThat(record.get("name").asString()).isEqualTo("greet");
        assertThat(record.get("namespace").asString()).isEqualTo("guest");
        assertThat(record.get("version").asString()).isEqualTo("0.0.2");
        assertThat(record.get("end").asLong()).isGreaterThanOrEqualTo(record.get("start").asLong());
        assertThat(record.get("duration").asLong())
                .isEqualTo(record.get("end").asLong() - record.get("start").asLong());
        assertThat(record.get("logs").valueStream().map(JsonNode::asString))
                .anyMatch(l -> l.matches("\\d{4}-.*Z stdout: .*greeting Ada"));
        assertThat(record.get("annotations").valueStream().map(a -> a.get("key").asString()))
                .contains("kind", "limits", "path", "waitTime");
        String id = record.get("activationId").asString();
        assertThat(id).matches("[0-9a-f]{32}");

        var fetched = ow("GET", NS + "/activations/" + id, "");
        assertThat(fetched.status()).as(fetched.body()).isEqualTo(200);
        assertThat(fetched.json().at("/response/result/message").asString()).isEqualTo("Hello, Ada!");
        assertThat(ow("GET", NS + "/activations/" + id + "/logs", "").json().get("logs").get(0).asString())
                .contains("stdout:");
        assertThat(ow("GET", NS + "/activations/" + id + "/result", "").json().at("/result/message").asString())
                .isEqualTo("Hello, Ada!");

        var queued = ow("POST", NS + "/actions/greet", "{\"name\":\"Bob\"}");
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        String later = queued.json().get("activationId").asString();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                ow("GET", NS + "/activations/" + later + "/result", "").json().at("/result/message").asString())
                .isEqualTo("Hello, Bob!"));
        var recent = ow("GET", NS + "/activations?name=greet&limit=2", "").json();
        assertThat(recent.size()).isEqualTo(2);
        assertThat(recent.get(0).get("activationId").asString()).isEqualTo(later);
        assertThat(recent.get(0).has("logs")).isFalse();
        assertThat(recent.get(0).at("/response/result").isMissingNode()).isTrue();
        long started = record.get("start").asLong();
        assertThat(ow("GET", NS + "/activations?name=greet&since=" + (started + 1), "").json().valueStream()
                .map(x -> x.get("activationId").asString())).doesNotContain(id).contains(later);
        assertThat(ow("GET", NS + "/activations?name=greet&upto=" + started, "").json().valueStream()
                .map(x -> x.get("activationId").asString())).contains(id).doesNotContain(later);
        error(ow("GET", NS + "/activations?since=yesterday", ""), 400);
        var docs = ow("GET", NS + "/activations?name=greet&limit=1&docs=true", "").json();
        assertThat(docs.get(0).at("/response/result/message").asString()).isEqualTo("Hello, Bob!");
        assertThat(ow("GET", NS + "/activations?name=greet&skip=1&limit=1", "").json().get(0)
                .get("activationId").asString()).isEqualTo(id);

        var deleted = ow("DELETE", NS + "/actions/greet", "");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("name").asString()).isEqualTo("greet");
        error(ow("GET", NS + "/actions/greet", ""), 404);
        error(ow("POST", NS + "/actions/greet?blocking=true", "{}"), 404);
    }

    @Test
    void failuresFollowOpenWhiskStatuses() {
        var app = ow("POST", NS + "/actions/echo?blocking=true", "{\"error\":\"boom\"}");
        assertThat(app.status()).as(app.body()).isEqualTo(502);
        assertThat(app.json().at("/response/status").asString()).isEqualTo("application error");
        assertThat(app.json().at("/response/statusCode").asInt()).isEqualTo(1);
        assertThat(app.json().at("/response/success").asBoolean()).isFalse();
        assertThat(app.json().at("/response/result/error").asString()).isEqualTo("boom");
        var appResult = ow("POST", NS + "/actions/echo?blocking=true&result=true", "{\"error\":\"boom\"}");
        assertThat(appResult.status()).isEqualTo(502);
        assertThat(appResult.json().get("error").asString()).isEqualTo("boom");

        var dev = ow("POST", NS + "/actions/fail?blocking=true", "{\"message\":\"kaput\"}");
        assertThat(dev.status()).as(dev.body()).isEqualTo(502);
        assertThat(dev.json().at("/response/status").asString()).isEqualTo("action developer error");
        assertThat(dev.json().at("/response/statusCode").asInt()).isEqualTo(2);
        assertThat(dev.json().at("/response/result/error").asString()).contains("kaput");

        var ok = ow("POST", NS + "/actions/echo?blocking=true&result=true", "{\"x\":1}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("x").asInt()).isEqualTo(1);
    }

    @Test
    void badRequestsGetJsonErrors() {
        error(ow("GET", NS + "/packages", ""), 404);
        error(ow("GET", "/api/v2/anything/at/all", ""), 404);
        error(ow("PATCH", NS + "/actions/echo", ""), 405);
        error(ow("PUT", NS + "/actions/box", "{\"exec\":{\"kind\":\"blackbox\",\"image\":\"x/y\"}}"), 400);
        error(ow("PUT", NS + "/actions/box", "{\"exec\":{\"kind\":\"cobol:1\",\"code\":\"x\"}}"), 400);
        error(ow("PUT", NS + "/actions/box", "{\"exec\":{\"kind\":\"java:default\",\"code\":\"not a jar\"}}"), 400);
        error(ow("PUT", NS + "/actions/box", javaAction("dev.kumo.examples.NoSuchClass", "")), 400);
        error(ow("PUT", NS + "/actions/box", "{\"limits\":{}}"), 400);
        error(ow("PUT", NS + "/actions/box", "[1,2]"), 400);
        error(ow("PUT", NS + "/actions/box", "{not json"), 400);
        error(ow("PUT", NS + "/actions/a--b", javaAction("dev.kumo.examples.Hello", "")), 400);
        assertThat(error(ow("PUT", NS + "/actions/slow", javaAction("dev.kumo.examples.Hello",
                ",\"limits\":{\"timeout\":9999999}")), 400).get("error").asString()).startsWith("limits.timeout");
        error(ow("POST", NS + "/actions/echo?blocking=true", "\"text\""), 400);
        error(ow("GET", NS + "/actions?limit=abc", ""), 400);
        error(ow("GET", NS + "/activations/0123", ""), 404);
        error(ow("GET", NS + "/activations/" + "a".repeat(32), ""), 404);
        assertThat(ow("GET", NS + "/actions?", "").status()).isEqualTo(200);
    }

    @Test
    void triggersFireActionsThroughActiveRules() {
        var trigger = ow("PUT", NS + "/triggers/orders", "{\"parameters\":[{\"key\":\"source\",\"value\":\"shop\"}]}");
        assertThat(trigger.status()).as(trigger.body()).isEqualTo(200);
        error(ow("PUT", NS + "/triggers/orders", "{}"), 409);
        error(ow("PUT", NS + "/rules/to-echo", "{\"trigger\":\"/_/nope\",\"action\":\"/_/echo\"}"), 400);
        error(ow("PUT", NS + "/rules/to-echo", "{\"trigger\":\"/other/orders\",\"action\":\"/_/echo\"}"), 403);
        var rule = ow("PUT", NS + "/rules/to-echo", "{\"trigger\":\"/_/orders\",\"action\":\"/guest/echo\"}");
        assertThat(rule.status()).as(rule.body()).isEqualTo(200);
        assertThat(rule.json().get("status").asString()).isEqualTo("active");
        assertThat(rule.json().at("/action/name").asString()).isEqualTo("echo");
        assertThat(ow("GET", NS + "/triggers/orders", "").json().at("/rules/guest~1to-echo/status").asString())
                .isEqualTo("active");

        var fired = ow("POST", NS + "/triggers/orders", "{\"order\":\"o-17\"}");
        assertThat(fired.status()).as(fired.body()).isEqualTo(202);
        assertThat(fired.json().get("activationId").asString()).matches("[0-9a-f]{32}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                ow("GET", NS + "/activations?name=echo&docs=true&limit=50", "").json().valueStream()
                        .map(a -> a.at("/response/result"))
                        .filter(r -> r.path("order").asString("").equals("o-17")).toList())
                .singleElement().satisfies(r -> assertThat(r.get("source").asString()).isEqualTo("shop")));

        var off = ow("POST", NS + "/rules/to-echo", "{\"status\":\"inactive\"}");
        assertThat(off.json().get("status").asString()).isEqualTo("inactive");
        assertThat(ow("GET", NS + "/rules/to-echo", "").json().get("status").asString()).isEqualTo("inactive");
        assertThat(ow("POST", NS + "/triggers/orders", "{}").status()).isEqualTo(204);
        error(ow("POST", NS + "/rules/to-echo", "{\"status\":\"paused\"}"), 400);
        assertThat(ow("GET", NS + "/rules", "").json().valueStream().map(r -> r.get("name").asString()))
                .contains("to-echo");

        error(ow("DELETE", NS + "/triggers/orders", ""), 409);
        assertThat(ow("DELETE", NS + "/rules/to-echo", "").status()).isEqualTo(200);
        assertThat(ow("DELETE", NS + "/triggers/orders", "").status()).isEqualTo(200);
        error(ow("GET", NS + "/triggers/orders", ""), 404);
    }

    @Test
    void namespacesHaveTheirOwnKeysAndActions() {
        var created = node.put("/v1/namespaces/team_a", "");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.json().get("auth").asString();
        assertThat(key).startsWith(created.json().get("uuid").asString() + ":");
        assertThat(node.put("/v1/namespaces/team_a", "").status()).isEqualTo(409);
        assertThat(node.put("/v1/namespaces/bad-name", "").status()).isEqualTo(400);

        var action = ow(key, "PUT", "/api/v1/namespaces/team_a/actions/hi", javaAction("dev.kumo.examples.Hello", ""));
        assertThat(action.status()).as(action.body()).isEqualTo(200);
        assertThat(action.json().get("namespace").asString()).isEqualTo("team_a");
        assertThat(node.get("/v1/functions/team_a--hi").status()).isEqualTo(200);
        assertThat(ow(key, "GET", "/api/v1/namespaces/_/actions", "").json().valueStream()
                .map(a -> a.get("name").asString())).containsExactly("hi");
        assertThat(ow("GET", NS + "/actions?limit=200", "").json().valueStream()
                .map(a -> a.get("name").asString())).doesNotContain("hi", "team_a--hi");
        error(ow("GET", "/api/v1/namespaces/team_a/actions/hi", ""), 403);
        error(ow(key, "GET", "/api/v1/namespaces/guest/actions/hello", ""), 403);
        var ran = ow(key, "POST", "/api/v1/namespaces/_/actions/hi?blocking=true", "{\"name\":\"Team\"}");
        assertThat(ran.json().get("namespace").asString()).isEqualTo("team_a");
        String id = ran.json().get("activationId").asString();
        error(ow("GET", NS + "/activations/" + id, ""), 404);

        var rotated = node.post("/v1/namespaces/team_a/key", "");
        assertThat(rotated.status()).isEqualTo(200);
        String newKey = rotated.json().get("auth").asString();
        error(ow(key, "GET", "/api/v1/namespaces/_/actions", ""), 401);
        assertThat(ow(newKey, "GET", "/api/v1/namespaces/_/actions", "").status()).isEqualTo(200);
        assertThat(node.get("/v1/namespaces").json().get("items").valueStream()
                .map(n -> n.get("name").asString())).contains("guest", "team_a");
        assertThat(node.get("/v1/namespaces/team_a").json().has("auth")).isFalse();
        assertThat(node.delete("/v1/namespaces/guest").status()).isEqualTo(409);
        assertThat(node.delete("/v1/namespaces/team_a").status()).isEqualTo(204);
        error(ow(newKey, "GET", "/api/v1/namespaces/_/actions", ""), 401);
        assertThat(node.delete("/v1/namespaces/team_a").status()).isEqualTo(404);
    }

    /** The examples' classes (from the test class path) packed into a jar. */
    static byte[] examplesJar() {
        try {
            var root = Path.of(Class.forName("dev.kumo.examples.Hello").getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            if (Files.isRegularFile(root)) {
                return Files.readAllBytes(root);
            }
            var bytes = new ByteArrayOutputStream();
            try (var jar = new JarOutputStream(bytes); var files = Files.walk(root)) {
                for (var file : files.filter(Files::isRegularFile).sorted().toList()) {
                    jar.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(file));
                    jar.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
