package dev.kumo.server.compat.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.server.RunningServer.Reply;
import dev.kumo.server.WithRunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lambda's Invoke on Kumo's port, over real HTTP: every invocation type, header and error mapping. */
class LambdaInvokeRoutesTest extends WithRunningServer {

    private static final String FN = "/2015-03-31/functions/";

    private static Reply invoke(String function, String payload, Map<String, String> headers) {
        return node.send("POST", FN + function + "/invocations", payload, headers);
    }

    @Test
    void aSyncInvokeAnswersTheOutputWithTheActivationIdAsRequestId() {
        var reply = invoke("hello", "{\"name\":\"Ada\"}", Map.of());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("message").asString()).isEqualTo("Hello, Ada!");
        assertThat(reply.header("X-Amz-Executed-Version")).isEqualTo("$LATEST");
        assertThat(reply.header("X-Amz-Function-Error")).isNull();
        String id = reply.header("x-amzn-RequestId");
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(node.get("/v1/activations/" + id).json().get("function").asString()).isEqualTo("hello");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "hello%3A%24LATEST", "hello:$LATEST", "hello?Qualifier=%24LATEST",
            "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Ahello",
            "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Ahello%3A%24LATEST",
            "123456789012%3Afunction%3Ahello", "hello%3A%24LATEST?Qualifier=%24LATEST"})
    void everyNameFormReachesTheFunction(String name) {
        String path = name.contains("?") ? name.replace("?", "/invocations?") : name + "/invocations";
        var reply = node.send("POST", FN + path, "{\"name\":\"Bo\"}", Map.of());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("message").asString()).isEqualTo("Hello, Bo!");
    }

    @Test
    void qualifiersInNameAndParameterThatDisagreeAre400() {
        var reply = node.send("POST", FN + "hello%3A%24LATEST/invocations?Qualifier=1", "{}", Map.of());
        expectError(reply, 400, "InvalidParameterValueException");
        assertThat(reply.json().get("message").asString()).contains("differ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nosuch", "hello%3A99", "hello%3Anoalias", "hello?Qualifier=42"})
    void unknownFunctionsAndQualifiersAreResourceNotFound(String name) {
        String path = name.contains("?") ? name.replace("?", "/invocations?") : name + "/invocations";
        expectError(node.send("POST", FN + path, "{}", Map.of()), 404, "ResourceNotFoundException");
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn%3Aaws%3As3%3A%3A%3Abucket", "a%3Ab%3Ac", "bad%20name"})
    void malformedNamesAre400(String name) {
        expectError(invoke(name, "{}", Map.of()), 400, "InvalidParameterValueException");
    }

    @Test
    void aFunctionErrorIsA200WithUnhandledAndLambdasErrorDocument() {
        var reply = invoke("fail", "{\"message\":\"boom\"}", Map.of());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(reply.header("x-amzn-RequestId")).matches("[0-9a-f]{32}");
        assertThat(reply.json().get("errorMessage").asString()).isEqualTo("boom");
        assertThat(reply.json().get("errorType").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(reply.json().get("stackTrace").isArray()).isTrue();
    }

    @Test
    void aTimeoutIsA200WithUnhandled() {
        var deployed = node.put("/v1/functions/lambda-napper", "{\"handler\":\"dev.kumo.examples.Sleep\",\"timeoutMs\":300,"
                + "\"code\":{\"jarBase64\":\"" + Base64.getEncoder().encodeToString(examplesJar()) + "\"}}");
        assertThat(deployed.status()).as(deployed.body()).isIn(200, 201);
        // Repeated: the timeout is recorded on the runtime's watchdog thread, racing the invoking thread's return.
        for (int i = 0; i < 5; i++) {
            var reply = invoke("lambda-napper", "{\"ms\":5000}", Map.of("X-Amz-Log-Type", "Tail"));
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
            assertThat(reply.json().get("errorType").asString()).isEqualTo("Sandbox.Timedout");
            assertThat(reply.json().get("errorMessage").asString()).contains("Task timed out after 0.30 seconds");
            assertThat(decode(reply.header("X-Amz-Log-Result"))).contains("START RequestId: "
                    + reply.header("x-amzn-RequestId"));
        }
    }

    @Test
    void tailReturnsTheEndOfThisInvocationsLogOnly() {
        var first = invoke("print", "{\"tag\":\"first-call\",\"lines\":2}", Map.of("X-Amz-Log-Type", "Tail"));
        var second = invoke("print", "{\"tag\":\"second-call\",\"lines\":2}", Map.of("X-Amz-Log-Type", "Tail"));
        assertThat(first.status()).isEqualTo(200);
        String log = decode(second.header("X-Amz-Log-Result"));
        assertThat(log).contains("second-call stdout 1").doesNotContain("first-call")
                .contains("END RequestId: " + second.header("x-amzn-RequestId")).contains("REPORT RequestId:");

        var noisy = invoke("print", "{\"tag\":\"noisy\",\"lines\":500}", Map.of("X-Amz-Log-Type", "Tail"));
        byte[] tail = Base64.getDecoder().decode(noisy.header("X-Amz-Log-Result"));
        assertThat(tail.length).isLessThanOrEqualTo(4096).isGreaterThan(3000);
        assertThat(new String(tail, StandardCharsets.UTF_8)).contains("noisy logger 499").doesNotContain("noisy stdout 0\n");

        assertThat(invoke("print", "{\"tag\":\"quiet\",\"lines\":1}", Map.of()).header("X-Amz-Log-Result")).isNull();
        expectError(invoke("print", "{}", Map.of("X-Amz-Log-Type", "Everything")), 400,
                "InvalidParameterValueException");
    }

    @Test
    void anEventInvocationIsQueuedAnd202WithAnEmptyBody() {
        var reply = invoke("hello", "{\"name\":\"Async\"}", Map.of("X-Amz-Invocation-Type", "Event"));
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.bytes()).isEmpty();
        String id = reply.header("x-amzn-RequestId");
        assertThat(id).matches("[0-9a-f]{32}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var activation = node.get("/v1/activations/" + id);
            assertThat(activation.status()).isEqualTo(200);
            assertThat(activation.json().get("status").asString()).isEqualTo("success");
        });
        expectError(invoke("nosuch", "{}", Map.of("X-Amz-Invocation-Type", "Event")), 404,
                "ResourceNotFoundException");
    }

    @Test
    void aDryRunChecksTheFunctionAndQualifierOnly() {
        var reply = invoke("hello", "{}", Map.of("X-Amz-Invocation-Type", "DryRun"));
        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("x-amzn-RequestId")).isNotBlank();
        expectError(invoke("hello%3A7", "{}", Map.of("X-Amz-Invocation-Type", "DryRun")), 404,
                "ResourceNotFoundException");
        expectError(invoke("hello", "{}", Map.of("X-Amz-Invocation-Type", "Later")), 400,
                "InvalidParameterValueException");
    }

    @Test
    void payloadsMayComeAsJsonOctetStreamOrWithoutContentTypeButMustBeJson() {
        for (var type : new String[] {"application/json", "application/octet-stream", "binary/octet-stream"}) {
            var reply = invoke("echo", "[1,2]", Map.of("Content-Type", type));
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("[1,2]");
        }
        assertThat(node.send("POST", FN + "echo/invocations", new byte[0], Map.of()).status()).isEqualTo(200);
        expectError(invoke("echo", "{not json", Map.of()), 400, "InvalidRequestContentException");
    }

    @Test
    void payloadsOverTheLimitsAreRequestTooLarge() {
        String sync = "\"" + "x".repeat(6 * 1024 * 1024 + 1) + "\"";
        expectError(invoke("echo", sync, Map.of()), 413, "RequestTooLargeException");
        String event = "\"" + "x".repeat(1024 * 1024 + 1) + "\"";
        expectError(invoke("echo", event, Map.of("X-Amz-Invocation-Type", "Event")), 413,
                "RequestTooLargeException");
        // 2 MB is fine synchronously: the Event limit does not apply to it.
        assertThat(invoke("echo", "\"" + "y".repeat(2 * 1024 * 1024) + "\"", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void aRejectedInvocationIsTooManyRequestsWithRetryAfter() {
        var deployed = node.put("/v1/functions/lambda-solo", "{\"handler\":\"dev.kumo.examples.Sleep\","
                + "\"maxInstances\":1,\"code\":{\"jarBase64\":\"" + Base64.getEncoder().encodeToString(examplesJar())
                + "\"}}");
        assertThat(deployed.status()).as(deployed.body()).isIn(200, 201);
        var busy = CompletableFuture.supplyAsync(() -> invoke("lambda-solo", "{\"ms\":3000}", Map.of()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var reply = invoke("lambda-solo", "{\"ms\":0}", Map.of());
            expectError(reply, 429, "TooManyRequestsException");
            assertThat(reply.header("Retry-After")).matches("[0-9]+");
            assertThat(reply.json().get("Reason").asString())
                    .isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
        });
        assertThat(busy.join().status()).isEqualTo(200);
    }

    @Test
    void sigV4HeadersAndAnH2cUpgradeAreIgnored() throws Exception {
        var headers = Map.of("Authorization", "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/lambda/aws4_request,"
                + " SignedHeaders=host;x-amz-date, Signature=abc", "X-Amz-Date", "20260101T000000Z",
                "X-Amz-Security-Token", "token");
        assertThat(invoke("hello", "{}", headers).status()).isEqualTo(200);
        // The JDK's client on HTTP/2 sends Upgrade: h2c and HTTP2-Settings over cleartext; Kumo answers in HTTP/1.1.
        try (var h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            for (var request : new HttpRequest[] {
                    HttpRequest.newBuilder(URI.create(node.server().uri() + FN + "hello")).GET().build(),
                    HttpRequest.newBuilder(URI.create(node.server().uri() + FN + "hello/invocations"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"H2\"}")).build()}) {
                var reply = h2.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
                assertThat(reply.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            }
        }
    }

    static void expectError(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("x-amzn-ErrorType")).isEqualTo(code);
        assertThat(reply.header("x-amzn-RequestId")).isNotBlank();
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json().get("Type").asString()).isIn("User", "Service");
        assertThat(reply.json().get("message").asString()).isNotBlank();
    }

    static byte[] examplesJar() {
        var reply = node.get(FN + "hello/code");
        assertThat(reply.status()).isEqualTo(200);
        return reply.bytes();
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
