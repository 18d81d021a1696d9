package dev.kumo.server.urls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.server.RunningServer;
import dev.kumo.server.fixtures.Responder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PUT /v1/routes} and the function URLs served under {@code /fn}. */
class FunctionUrlsTest {

    @TempDir
    static Path data;
    static RunningServer node;

    @BeforeAll
    static void start() {
        node = RunningServer.start(data, c -> c);
        assertThat(node.deploy("responder", Responder.class, "").status()).isEqualTo(201);
        var created = node.put("/v1/routes", "{\"method\":\"get\",\"path\":\"/api/orders/{id}\",\"function\":\"responder\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("method").asString()).isEqualTo("GET");
        assertThat(node.put("/v1/routes", "{\"method\":\"ANY\",\"path\":\"/echo/*\",\"function\":\"echo\"}").status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void theFunctionsResponseBecomesTheAnswer() {
        var reply = node.get("/fn/api/orders/42?q=x");

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.body()).isEqualTo("order 42 q=x GET ");
        assertThat(reply.header("Content-Type")).isEqualTo("text/plain");
        assertThat(reply.header("X-Order")).isEqualTo("42");
        assertThat(reply.headers().allValues("Set-Cookie")).containsExactly("a=1", "b=2; Path=/");
        assertThat(reply.header("Kumo-Activation-Id")).matches("[0-9a-f]{32}");
    }

    @Test
    void base64BodiesAreDecodedAndInvalidResponsesAre502() {
        var binary = node.get("/fn/api/orders/1?b64=1");
        assertThat(binary.status()).isEqualTo(200);
        assertThat(binary.bytes()).containsExactly(0, 1, 2, 0xff);
        assertThat(binary.header("Content-Type")).isEqualTo("application/octet-stream");

        assertThat(node.get("/fn/api/orders/1?bad=1").status()).isEqualTo(502);
    }

    @Test
    void anyOtherOutputIsThe200JsonBodyAndTheEventDescribesTheRequest() {
        var reply = node.send("POST", "/fn/echo/a/b%20c?x=1&x=2&y=z", "hello", Map.of("X-Custom", "v"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
        var event = reply.json();
        assertThat(event.get("version").asString()).isEqualTo("2.0");
        assertThat(event.get("routeKey").asString()).isEqualTo("ANY /echo/*");
        assertThat(event.get("rawPath").asString()).isEqualTo("/echo/a/b%20c");
        assertThat(event.get("rawQueryString").asString()).isEqualTo("x=1&x=2&y=z");
        assertThat(event.at("/headers/x-custom").asString()).isEqualTo("v");
        assertThat(event.at("/queryStringParameters/x").asString()).isEqualTo("1,2");
        assertThat(event.at("/pathParameters/proxy").asString()).isEqualTo("a/b c");
        assertThat(event.at("/requestContext/http/method").asString()).isEqualTo("POST");
        assertThat(event.at("/requestContext/http/path").asString()).isEqualTo("/echo/a/b c");
        assertThat(event.at("/requestContext/http/sourceIp").asString()).isEqualTo("127.0.0.1");
        assertThat(event.at("/requestContext/requestId").asString()).matches("[0-9a-f]{32}");
        assertThat(event.at("/requestContext/timeEpoch").asLong()).isPositive();
        assertThat(event.get("body").asString()).isEqualTo("hello");
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();

        var binary = node.send("PUT", "/fn/echo/bin", new byte[] {(byte) 0xff, 0}, Map.of()).json();
        assertThat(binary.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(binary.get("body").asString()).isEqualTo("/wA=");
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() {
        var missing = node.get("/fn/nothing/here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/error/code").asString()).isEqualTo("NotFound");

        var wrong = node.post("/fn/api/orders/42", "{}");
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.header("Allow")).isEqualTo("GET");
    }

    @Test
    void aLiteralSegmentBeatsAParameter() {
        assertThat(node.put("/v1/routes", "{\"method\":\"GET\",\"path\":\"/api/orders/special\",\"function\":\"echo\"}")
                .status()).isEqualTo(201);
        try {
            assertThat(node.get("/fn/api/orders/special").json().get("routeKey").asString())
                    .isEqualTo("GET /api/orders/special");
            assertThat(node.get("/fn/api/orders/7").status()).isEqualTo(201);
        } finally {
            node.delete("/v1/routes?method=GET&path=/api/orders/special");
        }
    }

    @Test
    void routesAreValidatedListedAndDeleted() {
        assertThat(node.put("/v1/routes", "{\"method\":\"GET\",\"path\":\"/x\",\"function\":\"nope\"}").status())
                .isEqualTo(404);
        var badMethod = node.put("/v1/routes", "{\"method\":\"FETCH\",\"path\":\"/x\",\"function\":\"echo\"}");
        assertThat(badMethod.status()).isEqualTo(400);
        assertThat(badMethod.json().at("/error/field").asString()).isEqualTo("method");
        var badPath = node.put("/v1/routes", "{\"method\":\"GET\",\"path\":\"/a/*/b\",\"function\":\"echo\"}");
        assertThat(badPath.status()).isEqualTo(400);
        assertThat(badPath.json().at("/error/field").asString()).isEqualTo("path");
        assertThat(node.put("/v1/routes", "{\"method\":\"GET\",\"path\":\"/api/orders/{other}\",\"function\":\"echo\"}")
                .status()).as("same shape as /api/orders/{id}").isEqualTo(409);

        assertThat(node.put("/v1/routes", "{\"method\":\"DELETE\",\"path\":\"/tmp/{id}\",\"function\":\"echo\"}")
                .status()).isEqualTo(201);
        assertThat(node.put("/v1/routes", "{\"method\":\"DELETE\",\"path\":\"/tmp/{id}\",\"function\":\"echo\"}")
                .status()).isEqualTo(200);
        assertThat(node.get("/v1/routes").body()).contains("\"path\":\"/tmp/{id}\"", "\"path\":\"/api/orders/{id}\"");
        assertThat(node.delete("/fn/tmp/1").status()).isEqualTo(200);
        assertThat(node.delete("/v1/routes?method=delete&path=/tmp/%7Bid%7D").status()).isEqualTo(204);
        assertThat(node.delete("/fn/tmp/1").status()).isEqualTo(404);
        assertThat(node.delete("/v1/routes?method=DELETE&path=/tmp/%7Bid%7D").status()).isEqualTo(404);
        assertThat(node.delete("/v1/routes?method=DELETE").status()).isEqualTo(400);
    }
}
