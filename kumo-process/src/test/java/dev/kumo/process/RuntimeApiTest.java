package dev.kumo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Runtime API over real HTTP on loopback, as a runtime client sees it. */
class RuntimeApiTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:hello";
    private static final String ID = "0123456789abcdef0123456789abcdef";

    private RuntimeApi api;
    private RuntimeEndpoint endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void open() {
        api = RuntimeApi.create();
        endpoint = api.open(InetAddress.getLoopbackAddress(), ARN);
    }

    @AfterEach
    void close() {
        api.close();
    }

    private URI uri(String path) {
        return URI.create("http://" + endpoint.hostPort() + "/2018-06-01/runtime" + path);
    }

    private CompletableFuture<HttpResponse<String>> next() {
        return http.sendAsync(HttpRequest.newBuilder(uri("/invocation/next")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void nextLongPollsUntilAnEventAndCarriesLambdaHeaders() throws Exception {
        assertThat(endpoint.hostPort()).matches("127\\.0\\.0\\.1:\\d+");
        var poll = next();
        // no server-side timeout: without an event the poll stays parked
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !poll.isDone());
        assertThat(endpoint.initialized()).isDone();

        var reply = endpoint.submit(Invocation.of(ID, "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8), 1234L));
        HttpResponse<String> event = poll.get(5, TimeUnit.SECONDS);
        assertThat(event.statusCode()).isEqualTo(200);
        assertThat(event.body()).isEqualTo("{\"name\":\"Ada\"}");
        assertThat(event.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue(ID);
        assertThat(event.headers().firstValue("Lambda-Runtime-Deadline-Ms")).hasValue("1234");
        assertThat(event.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn")).hasValue(ARN);
        assertThat(event.headers().firstValue("Lambda-Runtime-Trace-Id")).hasValueSatisfying(
                t -> assertThat(t).startsWith("Root=1-"));

        var posted = post("/invocation/" + ID + "/response", "{\"message\":\"Hello, Ada!\"}");
        assertThat(posted.statusCode()).isEqualTo(202);
        assertThat(reply.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(WorkerReply.Response.class,
                r -> assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Hello, Ada!\"}"));
    }

    @Test
    void anEventQueuedBeforeThePollIsHandedOutAtOnce() throws Exception {
        endpoint.submit(Invocation.of(ID, "{}".getBytes(StandardCharsets.UTF_8), 1L));
        assertThat(next().get(5, TimeUnit.SECONDS).headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue(ID);
    }

    @Test
    void errorPostsAreAcceptedWithAMegabyteHeaderAndKeptVerbatim() throws Exception {
        var reply = endpoint.submit(Invocation.of(ID, "{}".getBytes(StandardCharsets.UTF_8), 1L));
        next().get(5, TimeUnit.SECONDS);
        String cause = "x".repeat(1024 * 1024 - 100);
        var posted = post("/invocation/" + ID + "/error",
                "{\"errorMessage\":\"boom\",\"errorType\":\"ValueError\",\"stackTrace\":[\"  File \\\"app.py\\\", line 3\"]}",
                "Lambda-Runtime-Function-Error-Type", "Unhandled",
                "Lambda-Runtime-Function-XRay-Error-Cause", cause);
        assertThat(posted.statusCode()).isEqualTo(202);
        assertThat(reply.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(WorkerReply.Error.class, e -> {
            assertThat(e.error().errorType()).isEqualTo("ValueError");
            assertThat(e.error().message()).isEqualTo("boom");
            assertThat(e.error().stackTrace()).containsExactly("  File \"app.py\", line 3");
        });
    }

    @Test
    void unknownRequestIdIsA400NamingInvalidRequestId() throws Exception {
        var posted = post("/invocation/ffffffffffffffffffffffffffffffff/response", "{}");
        assertThat(posted.statusCode()).isEqualTo(400);
        assertThat(posted.body()).contains("\"errorType\":\"InvalidRequestID\"").contains("errorMessage");
        assertThat(post("/invocation/nope/error", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void initErrorIsAcceptedAndFailsTheColdStartWithThePostedBody() throws Exception {
        var posted = post("/init/error", "{\"errorMessage\":\"no module\",\"errorType\":\"Runtime.ImportModuleError\"}",
                "Lambda-Runtime-Function-Error-Type", "Runtime.ImportModuleError");
        assertThat(posted.statusCode()).isEqualTo(202);
        assertThat(endpoint.initError().get(5, TimeUnit.SECONDS)).satisfies(e -> {
            assertThat(e.errorType()).isEqualTo("Runtime.ImportModuleError");
            assertThat(e.message()).isEqualTo("no module");
        });
    }

    @Test
    void aResponseOverSixMegabytesIsA413AndFailsTheInvocation() throws Exception {
        var reply = endpoint.submit(Invocation.of(ID, "{}".getBytes(StandardCharsets.UTF_8), 1L));
        next().get(5, TimeUnit.SECONDS);
        var posted = post("/invocation/" + ID + "/response", "\"" + "a".repeat(RuntimeApi.MAX_PAYLOAD_BYTES) + "\"");
        assertThat(posted.statusCode()).isEqualTo(413);
        assertThat(posted.body()).contains("errorType");
        assertThat(reply.get(5, TimeUnit.SECONDS)).isInstanceOf(WorkerReply.TooLarge.class);
    }

    @Test
    void aPollerThatDisconnectsWhileParkedDoesNotConsumeTheNextEvent() throws Exception {
        var address = endpoint.hostPort().split(":");
        try (var socket = new Socket(address[0], Integer.parseInt(address[1]))) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.initialized().isDone());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !endpoint.hasParkedPoll());
        endpoint.submit(Invocation.of(ID, "{\"n\":1}".getBytes(StandardCharsets.UTF_8), 1L));
        HttpResponse<String> event = next().get(5, TimeUnit.SECONDS);
        assertThat(event.statusCode()).isEqualTo(200);
        assertThat(event.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue(ID);
        assertThat(event.body()).isEqualTo("{\"n\":1}");
    }

    @Test
    void unknownPathsAndMethodsAreJsonErrors() throws Exception {
        var get = http.send(HttpRequest.newBuilder(uri("/nope")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isIn(404, 405);
        assertThat(get.body()).contains("errorType");
        assertThat(post("/invocation/next", "{}").statusCode()).isEqualTo(405);
    }
}
