package dev.kumo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.client.Fixtures;
import dev.kumo.client.StubServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncCommandsTest {

    private final StubServer server = StubServer.start();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void invokeAsyncPrintsTheActivationIdAlone() {
        server.reply(202, "{\"activationId\":\"a1\",\"status\":\"queued\"}");

        Cli cli = Cli.against(server, "invoke", "hello", "--async", "--data", "{\"n\":1}", "--idempotency-key", "k1",
                "--callback-url", "http://localhost:9000/done");

        assertThat(cli.exit()).isZero();
        var request = server.only();
        assertThat(request.query()).isEqualTo("qualifier=$LATEST&mode=async");
        assertThat(request.header("Kumo-Idempotency-Key")).isEqualTo("k1");
        assertThat(request.header("Kumo-Callback-Url")).isEqualTo("http://localhost:9000/done");
        assertThat(request.bodyText()).isEqualTo("{\"n\":1}");
        assertThat(cli.out()).isEqualTo("a1\n");
        assertThat(cli.err()).isEqualTo("queued; follow it with: kumo activation a1\n");
    }

    @Test
    void aReplayIsReportedAndJsonKeepsTheWireShape() {
        server.reply(202, Map.of("Kumo-Idempotent-Replay", "true"), "{\"activationId\":\"a0\",\"status\":\"queued\"}");

        Cli cli = Cli.against(server, "--json", "invoke", "hello", "--async", "--idempotency-key", "k1");

        assertThat(cli.out()).contains("\"activationId\" : \"a0\"", "\"status\" : \"queued\"", "\"replay\" : true");
        assertThat(cli.err()).contains("already queued");
    }

    @Test
    void asyncOnlyOptionsWithoutAsyncAreAUsageError() {
        Cli cli = Cli.against(server, "invoke", "hello", "--idempotency-key", "k1");

        assertThat(cli.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aFullQueueExitsRejected() {
        server.reply(429, Map.of("Retry-After", "2"), Fixtures.error("TooManyRequests", "queue of 'hello' is full"));

        Cli cli = Cli.against(server, "invoke", "hello", "--async");

        assertThat(cli.exit()).isEqualTo(ExitCode.REJECTED.code());
        assertThat(cli.err()).isEqualTo("kumo: queue of 'hello' is full (retry after 2 s)\n");
    }

    @Test
    void activationsFilterByStatus() {
        server.reply(200, Fixtures.page("", Fixtures.queuedActivation("a1")));

        Cli cli = Cli.against(server, "activations", "--status", "dead-lettered");

        assertThat(server.only().query()).isEqualTo("status=dead-lettered&limit=20");
        assertThat(cli.out()).contains("a1  fail      $LATEST  dead-lettered");
    }

    @Test
    void anUnknownStatusIsAUsageError() {
        Cli cli = Cli.against(server, "activations", "--status", "sleeping");

        assertThat(cli.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(cli.err()).contains("--status must be one of");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anAsyncActivationShowsItsAttempts() {
        server.reply(200, Fixtures.queuedActivation("a1"));

        Cli cli = Cli.against(server, "activation", "a1");

        assertThat(cli.out()).contains("status        dead-lettered\nattempt       2\n")
                .endsWith("earlier attempts:\n  #1  timeout  2025-03-01T10:00:00Z  100.0 ms\n      slow\n");
    }

    @Test
    void deadLettersAreListedShownRedrivenAndDeleted() {
        server.reply(200, Fixtures.page("", Fixtures.deadLetter("a1")));
        Cli list = Cli.against(server, "dead-letters", "list", "fail");
        assertThat(list.out()).isEqualTo("""
                ID  SOURCE  ATTEMPTS  ACCEPTED              DEAD-LETTERED         REASON
                a1  api     3         2025-03-01T10:00:00Z  2025-03-01T10:00:07Z  retries exhausted after 3 attempts
                """);
        assertThat(server.requests().getLast().path()).isEqualTo("/v1/functions/fail/dead-letters");

        server.reply(200, Fixtures.deadLetter("a1"));
        Cli get = Cli.against(server, "dead-letters", "get", "fail", "a1");
        assertThat(get.out()).contains("payload        {\"n\":1}\n", "attempts       3\n",
                "  #1  error  2025-03-01T10:00:00Z  2.5 ms  java.lang.IllegalStateException: boom\n      about to fail\n");

        server.reply(202, "{\"activationId\":\"b2\",\"status\":\"queued\",\"redrivenFrom\":\"a1\"}");
        Cli redrive = Cli.against(server, "dead-letters", "redrive", "fail", "a1");
        assertThat(redrive.out()).isEqualTo("b2\n");
        assertThat(server.requests().getLast().path()).isEqualTo("/v1/functions/fail/dead-letters/a1/redrive");

        server.reply(204, "");
        Cli delete = Cli.against(server, "dead-letters", "delete", "fail", "a1");
        assertThat(delete.out()).isEqualTo("Deleted dead letter a1 of function 'fail'\n");
        assertThat(server.requests().getLast().method()).isEqualTo("DELETE");

        server.reply(404, Fixtures.error("NotFound", "dead letter 'a1' of function 'fail' not found"));
        assertThat(Cli.against(server, "dead-letters", "get", "fail", "a1").exit())
                .isEqualTo(ExitCode.NOT_FOUND.code());
    }

    @Test
    void deploySendsAsyncOptionsInTheJsonForm() throws Exception {
        Path jar = Files.write(dir.resolve("f.jar"), new byte[] {1});
        server.reply(200, Fixtures.function("fail", "$LATEST"));

        Cli cli = Cli.against(server, "fn", "deploy", "fail", "--jar", jar.toString(), "--handler", "a.B",
                "--max-retries", "0", "--on-failure", "dlq");

        assertThat(cli.exit()).isZero();
        assertThat(server.only().path()).isEqualTo("/v1/functions/fail");
        assertThat(server.only().bodyText()).contains(
                "\"async\":{\"maxRetries\":0,\"maxEventAgeSeconds\":21600,\"onFailure\":\"dlq\"}");
    }
}
