package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.cli.KumoCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The OpenWhisk-compatible API of a forked node ({@code ./kumo up}) over real HTTP: an unchanged OpenWhisk Java
 * action from the examples jar, blocking and non-blocking invocations, OpenWhisk's error statuses, activations
 * with logs and results, triggers and rules, and basic auth with the well-known guest key.
 */
class OpenWhiskIT {

    static final String GUEST = "23bc46b1-71f6-4ed5-8c54-816aa4f8c502:"
            + "123zO3xZCLrMN6v2BKK1dXYFpXlPkccOFqm12CdAsMgRU4VrNZ9lyGVCGuMDGIwP";
    static final String NS = "/api/v1/namespaces/_";

    @Test
    void openWhiskClientsSeeAnOpenWhisk(@TempDir Path data) {
        try (var node = ForkedNode.start(data)) {
            var ow = new Client(node.http, GUEST);

            // auth: none, wrong key, another namespace
            assertError(new Client(node.http, null).call("GET", NS + "/actions", ""), 401);
            assertError(new Client(node.http, GUEST.replace(":123", ":999")).call("GET", NS + "/actions", ""), 401);
            assertError(ow.call("GET", "/api/v1/namespaces/nobody/actions", ""), 403);

            // an unchanged OpenWhisk Java action (static JsonObject main(JsonObject)); '#main' is OpenWhisk's
            String jar = Base64.getEncoder().encodeToString(Node.examplesJarBytes());
            String action = "{\"exec\":{\"kind\":\"java:default\",\"main\":\"dev.kumo.examples.OwHello#main\","
                    + "\"code\":\"" + jar + "\"},\"parameters\":[{\"key\":\"name\",\"value\":\"default\"}]}";
            var created = ow.call("PUT", NS + "/actions/owhello", action);
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            assertThat(created.json().get("version").asString()).isEqualTo("0.0.1");
            assertThat(created.json().at("/exec/binary").asBoolean()).isTrue();
            assertError(ow.call("PUT", NS + "/actions/owhello", action), 409);
            var updated = ow.call("PUT", "/api/v1/namespaces/guest/actions/owhello?overwrite=true", action);
            assertThat(updated.status()).as(updated.body()).isEqualTo(200);
            assertThat(updated.json().get("version").asString()).isEqualTo("0.0.2");
            assertThat(ow.call("GET", "/api/v1/namespaces/guest/actions/owhello", "").json().get("namespace")
                    .asString()).isEqualTo("guest");

            // blocking: the record; result=true: the bare result; defaults merge under the body
            var bare = ow.call("POST", NS + "/actions/owhello?blocking=true&result=true", "");
            assertThat(bare.status()).as(bare.body()).isEqualTo(200);
            assertThat(bare.json().get("greeting").asString()).isEqualTo("Hello default!");
            var record = ow.call("POST", NS + "/actions/owhello?blocking=true", "{\"name\":\"Ada\"}");
            assertThat(record.status()).as(record.body()).isEqualTo(200);
            assertThat(record.json().at("/response/result/greeting").asString()).isEqualTo("Hello Ada!");
            assertThat(record.json().at("/response/status").asString()).isEqualTo("success");
            assertThat(record.json().get("annotations").valueStream().map(a -> a.get("key").asString()))
                    .contains("kind", "limits");

            // non-blocking: 202 with an id whose activation appears once it ran
            var queued = ow.call("POST", NS + "/actions/owhello", "{\"name\":\"Bob\"}");
            assertThat(queued.status()).as(queued.body()).isEqualTo(202);
            String id = queued.json().get("activationId").asString();
            assertThat(id).matches("[0-9a-f]{32}");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    ow.call("GET", NS + "/activations/" + id + "/result", "").json().at("/result/greeting")
                            .asString()).isEqualTo("Hello Bob!"));
            var listed = ow.call("GET", NS + "/activations?name=owhello&limit=5", "").json();
            assertThat(listed.get(0).get("activationId").asString()).isEqualTo(id);
            assertThat(listed.size()).isEqualTo(3);

            // logs of a guest action deployed by ./kumo up (Kumo's plain names are the guest's actions)
            var hello = ow.call("POST", NS + "/actions/hello?blocking=true", "{\"name\":\"Logs\"}");
            assertThat(hello.status()).as(hello.body()).isEqualTo(200);
            String helloId = hello.json().get("activationId").asString();
            assertThat(ow.call("GET", NS + "/activations/" + helloId + "/logs", "").json().get("logs")
                    .valueStream().map(JsonNode::asString)).anyMatch(l -> l.endsWith("stdout: INFO greeting Logs"));

            // application error (a result with "error") and developer error (the function threw): 502
            var app = ow.call("POST", NS + "/actions/echo?blocking=true", "{\"error\":\"out of stock\"}");
            assertThat(app.status()).isEqualTo(502);
            assertThat(app.json().at("/response/status").asString()).isEqualTo("application error");
            assertThat(app.json().at("/response/success").asBoolean()).isFalse();
            var dev = ow.call("POST", NS + "/actions/fail?blocking=true", "{}");
            assertThat(dev.status()).isEqualTo(502);
            assertThat(dev.json().at("/response/status").asString()).isEqualTo("action developer error");

            // a trigger fired through an active rule invokes the action with the trigger's parameters
            assertThat(ow.call("PUT", NS + "/triggers/signup", "{\"parameters\":[{\"key\":\"name\",\"value\":"
                    + "\"Trigger\"}]}").status()).isEqualTo(200);
            var rule = ow.call("PUT", NS + "/rules/greet-signups", "{\"trigger\":\"/_/signup\",\"action\":"
                    + "\"/_/owhello\"}");
            assertThat(rule.status()).as(rule.body()).isEqualTo(200);
            assertThat(ow.call("POST", NS + "/triggers/signup", "{}").status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    ow.call("GET", NS + "/activations?name=owhello&docs=true&limit=10", "").json().valueStream()
                            .map(a -> a.at("/response/result/greeting").asString()))
                    .contains("Hello Trigger!"));
            assertThat(ow.call("POST", NS + "/rules/greet-signups", "{\"status\":\"inactive\"}").json()
                    .get("status").asString()).isEqualTo("inactive");
            assertThat(ow.call("POST", NS + "/triggers/signup", "{}").status()).isEqualTo(204);

            // a namespace made with the CLI: its own key, its own actions, invisible to guest
            String teamKey = cli(node, "namespace", "create", "team").strip();
            assertThat(teamKey).contains(":");
            var team = new Client(node.http, teamKey);
            assertThat(team.call("PUT", NS + "/actions/owhello", action).status()).isEqualTo(200);
            var teamRun = team.call("POST", NS + "/actions/owhello?blocking=true&result=true", "{\"name\":\"Team\"}");
            assertThat(teamRun.json().get("greeting").asString()).isEqualTo("Hello Team!");
            assertError(ow.call("GET", "/api/v1/namespaces/team/actions/owhello", ""), 403);
            assertError(team.call("GET", "/api/v1/namespaces/guest/actions", ""), 403);
            assertThat(cli(node, "namespace", "list")).contains("guest", "team");
            String rotated = cli(node, "namespace", "key", "team").strip();
            assertError(team.call("GET", NS + "/actions", ""), 401);
            assertThat(new Client(node.http, rotated).call("GET", NS + "/actions", "").json().get(0).get("name")
                    .asString()).isEqualTo("owhello");

            assertThat(ow.call("DELETE", NS + "/actions/owhello", "").status()).isEqualTo(200);
            assertError(ow.call("GET", NS + "/actions/owhello", ""), 404);
            assertThat(new Client(node.http, rotated).call("GET", NS + "/actions/owhello", "").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void nodeAndPythonSourceActionsRunOnTheProcessTier(@TempDir Path data) {
        try (var node = ForkedNode.start(data)) {
            var ow = new Client(node.http, GUEST);
            String js = "function main(params) {\n  console.log('js got ' + params.name);\n"
                    + "  return { greeting: 'Hello ' + params.name + ' from Node' };\n}\n";
            var nodeAction = ow.call("PUT", NS + "/actions/js-hello", "{\"exec\":{\"kind\":\"nodejs:20\",\"code\":"
                    + Http.JSON.writeValueAsString(js) + "},\"parameters\":[{\"key\":\"name\",\"value\":\"N\"}]}");
            assertThat(nodeAction.status()).as(nodeAction.body()).isEqualTo(200);
            assertThat(nodeAction.json().at("/exec/binary").asBoolean()).isFalse();
            var ran = ow.call("POST", NS + "/actions/js-hello?blocking=true", "{\"name\":\"Ada\"}");
            assertThat(ran.status()).as(ran.body()).isEqualTo(200);
            assertThat(ran.json().at("/response/result/greeting").asString()).isEqualTo("Hello Ada from Node");
            assertThat(ran.json().get("logs").valueStream().map(JsonNode::asString))
                    .anyMatch(l -> l.contains("js got Ada"));

            String py = "def main(args):\n    return {'greeting': 'Hello ' + args.get('name', '?') + ' from Python'}\n";
            var pyAction = ow.call("PUT", NS + "/actions/py-hello", "{\"exec\":{\"kind\":\"python:3\",\"code\":"
                    + Http.JSON.writeValueAsString(py) + "}}");
            assertThat(pyAction.status()).as(pyAction.body()).isEqualTo(200);
            var bare = ow.call("POST", NS + "/actions/py-hello?blocking=true&result=true", "{\"name\":\"Bob\"}");
            assertThat(bare.status()).as(bare.body()).isEqualTo(200);
            assertThat(bare.json().get("greeting").asString()).isEqualTo("Hello Bob from Python");

            var failing = ow.call("PUT", NS + "/actions/py-fail", "{\"exec\":{\"kind\":\"python:3\",\"code\":"
                    + "\"def main(args):\\n    raise ValueError('nope')\\n\"}}");
            assertThat(failing.status()).as(failing.body()).isEqualTo(200);
            var dev = ow.call("POST", NS + "/actions/py-fail?blocking=true", "{}");
            assertThat(dev.status()).as(dev.body()).isEqualTo(502);
            assertThat(dev.json().at("/response/status").asString()).isEqualTo("action developer error");
            assertThat(dev.json().at("/response/result/error").asString()).contains("nope");
        }
    }

    private static String cli(ForkedNode node, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = KumoCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("KUMO_URL", node.uri.toString()), args);
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void assertError(Http.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json().get("error").asString()).isNotBlank();
        assertThat(reply.json().get("code").asString()).isNotBlank();
    }

    /** Sends OpenWhisk requests with basic auth. */
    private record Client(Http http, String key) {

        Http.Reply call(String method, String path, String body) {
            Map<String, String> headers = key == null ? Map.of() : Map.of("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)));
            return http.send(method, path, body.getBytes(StandardCharsets.UTF_8), "application/json", headers);
        }
    }
}
