package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every error status of the API, each with a JSON body naming the problem. */
class ErrorStatusIT {

    @RegisterExtension
    static final NodeExtension kumo = new NodeExtension(c -> c.withLimits(c.memoryBudgetMb(), c.maxInFlight(), 64 * 1024));

    private static void assertError(Http.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json().get("error").get("code").asString()).isEqualTo(code);
        assertThat(reply.json().get("error").get("message").asString()).isNotBlank();
    }

    @Test
    void malformedJsonIs400() {
        var reply = kumo.http().invoke("echo", "{\"name\":");
        assertError(reply, 400, "InvalidRequest");
        assertThat(reply.json().get("error").get("field").asString()).isEqualTo("body");
        assertError(kumo.http().put("/v1/functions/x", "{not json"), 400, "InvalidRequest");
    }

    @Test
    void invalidConfigNamesTheField() {
        var memory = kumo.http().put("/v1/functions/hello", "{\"memoryMb\":64}");
        assertError(memory, 400, "InvalidRequest");
        assertThat(memory.json().get("error").get("field").asString()).isEqualTo("memoryMb");

        var timeout = kumo.http().put("/v1/functions/hello", "{\"timeoutMs\":900001}");
        assertThat(timeout.json().get("error").get("field").asString()).isEqualTo("timeoutMs");

        var tier = kumo.http().put("/v1/functions/hello", "{\"tier\":\"gpu\"}");
        assertThat(tier.json().get("error").get("field").asString()).isEqualTo("tier");

        var unknown = kumo.http().put("/v1/functions/hello", "{\"memry\":256}");
        assertThat(unknown.json().get("error").get("field").asString()).isEqualTo("memry");

        var wrongType = kumo.http().put("/v1/functions/hello", "{\"memoryMb\":\"lots\"}");
        assertThat(wrongType.json().get("error").get("field").asString()).isEqualTo("memoryMb");

        var name = kumo.http().put("/v1/functions/bad.name", "{\"handler\":\"a.B\"}");
        assertThat(name.json().get("error").get("field").asString()).isEqualTo("name");

        var missingCode = kumo.http().put("/v1/functions/brand-new", "{\"handler\":\"a.B\"}");
        assertThat(missingCode.json().get("error").get("field").asString()).isEqualTo("code");

        var missingHandler = kumo.http().putJar("/v1/functions/no-such-handler/code?handler=dev.kumo.examples.Nope",
                Node.examplesJarBytes());
        assertError(missingHandler, 400, "InvalidRequest");
        assertThat(missingHandler.json().get("error").get("field").asString()).isEqualTo("handler");

        var notAJar = kumo.http().putJar("/v1/functions/garbage/code?handler=a.B", "not a jar".getBytes());
        assertThat(notAJar.json().get("error").get("field").asString()).isEqualTo("code");

        // the failed updates changed nothing
        assertThat(kumo.http().get("/v1/functions/hello").json().get("memoryMb").asInt()).isEqualTo(256);
    }

    @Test
    void unknownThingsAre404() {
        assertError(kumo.http().invoke("nope", "{}"), 404, "NotFound");
        assertError(kumo.http().post("/v1/functions/hello/invoke?qualifier=7", "{}"), 404, "NotFound");
        assertError(kumo.http().post("/v1/functions/hello/invoke?qualifier=prod", "{}"), 404, "NotFound");
        assertError(kumo.http().get("/v1/functions/nope"), 404, "NotFound");
        assertError(kumo.http().get("/v1/activations/0123456789abcdef0123456789abcdef"), 404, "NotFound");
        assertError(kumo.http().get("/v2/everything"), 404, "NotFound");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        var reply = kumo.http().get("/v1/functions/hello/invoke");
        assertError(reply, 405, "MethodNotAllowed");
        assertThat(reply.header("Allow")).isEqualTo("POST");
    }

    @Test
    void oversizePayloadIs413() {
        var reply = kumo.http().invoke("echo", "\"" + "x".repeat(70 * 1024) + "\"");
        assertError(reply, 413, "PayloadTooLarge");
    }

    @Test
    void wrongCodeContentTypeIs415() {
        assertError(kumo.http().send("PUT", "/v1/functions/hello/code", "x".getBytes(), "text/plain"), 415,
                "UnsupportedMediaType");
    }

    @Test
    void functionErrorIs502WithTypeAndStack() {
        var reply = kumo.http().invoke("fail", "{\"message\":\"boom\"}");
        assertError(reply, 502, "FunctionError");
        var error = reply.json().get("error");
        assertThat(error.get("errorType").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("message").asString()).isEqualTo("boom");
        assertThat(error.get("stackTrace").toString()).contains("dev.kumo.examples.Fail.handle");
        var activation = kumo.http().get("/v1/activations/" + reply.header("Kumo-Activation-Id")).json();
        assertThat(activation.get("status").asString()).isEqualTo("error");
        assertThat(activation.get("logs").toString()).contains("about to fail");
    }

    @Test
    void timeoutIs504AndDoesNotHang() {
        assertThat(kumo.http().putJar("/v1/functions/napper/code?handler=dev.kumo.examples.Sleep&timeoutMs=200",
                Node.examplesJarBytes()).status()).isEqualTo(201);
        long start = System.nanoTime();
        var reply = kumo.http().invoke("napper", "{\"ms\":30000}");
        assertError(reply, 504, "Timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        var activation = kumo.http().get("/v1/activations/" + reply.header("Kumo-Activation-Id")).json();
        assertThat(activation.get("status").asString()).isEqualTo("timeout");
        // the function keeps serving afterwards
        assertThat(kumo.http().invoke("napper", "{\"ms\":1}").status()).isEqualTo(200);
    }

    @Test
    void busyFunctionAtItsInstanceLimitIs429WithRetryAfter() {
        assertThat(kumo.http().putJar("/v1/functions/single/code?handler=dev.kumo.examples.Sleep&maxInstances=1",
                Node.examplesJarBytes()).status()).isEqualTo(201);
        var blocker = CompletableFuture.supplyAsync(() -> kumo.http().invoke("single", "{\"ms\":3000}"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var reply = kumo.http().invoke("single", "{\"ms\":0}");
            assertError(reply, 429, "TooManyRequests");
            assertThat(reply.header("Retry-After")).isNotEmpty();
        });
        assertThat(blocker.join().status()).isEqualTo(200);
        var rejected = kumo.http().get("/v1/activations?function=single&limit=50").json().get("items");
        assertThat(rejected.toString()).contains("\"status\":\"rejected\"");
    }
}
