package dev.kumo.cli;

import dev.kumo.client.Fixtures;
import dev.kumo.client.StubServer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvokeCommandTest {

    private final StubServer server = StubServer.start();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void printsTheOutputAndSummarisesTheActivationOnStderr() {
        server.reply(200, Map.of("Kumo-Activation-Id", "act-1", "Kumo-Version", "$LATEST", "Kumo-Cold-Start",
                "true"), "{\"greeting\":\"hi Ada\"}");

        Cli cli = Cli.against(server, "invoke", "hello", "--data", "{\"name\":\"Ada\"}");

        assertThat(cli.exit()).isZero();
        assertThat(server.only().path()).isEqualTo("/v1/functions/hello/invoke");
        assertThat(server.only().query()).isEmpty();
        assertThat(server.only().bodyText()).isEqualTo("{\"name\":\"Ada\"}");
        assertThat(cli.out()).isEqualTo("{\"greeting\":\"hi Ada\"}\n");
        assertThat(cli.err()).isEqualTo("activation act-1, version $LATEST, cold start\n");
    }

    @Test
    void readsDataFromAFileAndPassesTheQualifier(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("in.json"), "[1, 2]\n");
        server.reply(200, Map.of("Kumo-Activation-Id", "act-2", "Kumo-Version", "2", "Kumo-Cold-Start", "false"),
                "3");

        Cli cli = Cli.against(server, "invoke", "sum", "--data", "@" + input, "-q", "live");

        assertThat(server.only().query()).isEqualTo("qualifier=live");
        assertThat(server.only().bodyText()).isEqualTo("[1, 2]\n");
        assertThat(cli.out()).isEqualTo("3\n");
        assertThat(cli.err()).isEqualTo("activation act-2, version 2, warm start\n");
    }

    @Test
    void withoutDataTheBodyIsEmpty() {
        server.reply(200, "null");

        Cli cli = Cli.against(server, "invoke", "hello");

        assertThat(cli.exit()).isZero();
        assertThat(server.only().body()).isEmpty();
        assertThat(cli.err()).isEqualTo("activation ?, version ?, warm start\n");
    }

    @Test
    void invalidJsonIsRejectedBeforeSending() {
        Cli cli = Cli.against(server, "invoke", "hello", "--data", "{name: Ada}");

        assertThat(cli.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(cli.err()).startsWith("kumo: --data value is not valid JSON at line 1, column 2: ")
                .endsWith("(see 'kumo invoke --help')\n").hasLineCount(1);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void trailingGarbageIsInvalidJson() {
        Cli cli = Cli.against(server, "invoke", "hello", "--data", "{} x");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aMissingDataFileIsAUsageError(@TempDir Path dir) {
        Cli cli = Cli.against(server, "invoke", "hello", "--data", "@" + dir.resolve("none.json"));

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("kumo: cannot read --data file '" + dir.resolve("none.json")
                + "': no such file (see 'kumo invoke --help')\n");
    }

    @Test
    void aThrowingFunctionExitsOneWithItsError() {
        server.reply(502, Map.of("Kumo-Activation-Id", "act-3", "Kumo-Version", "1", "Kumo-Cold-Start", "false"), """
                {"error":{"code":"FunctionError","message":"boom","errorType":"java.lang.IllegalStateException",
                "stackTrace":["a.B.c(B.java:1)"]}}""");

        Cli cli = Cli.against(server, "invoke", "hello");

        assertThat(cli.exit()).isEqualTo(ExitCode.FUNCTION_FAILED.code());
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).isEqualTo("""
                activation act-3, version 1, warm start
                kumo: function 'hello' failed: java.lang.IllegalStateException: boom
                """);
    }

    @Test
    void aTimeoutExitsOneAndJsonModeKeepsTheErrorBody() {
        server.reply(504, Map.of("Kumo-Activation-Id", "act-4"), Fixtures.error("Timeout", "ran past 100 ms"));

        Cli cli = Cli.against(server, "--json", "invoke", "slow");

        assertThat(cli.exit()).isEqualTo(1);
        assertThat(cli.out()).isEqualTo(Fixtures.error("Timeout", "ran past 100 ms") + "\n");
        assertThat(cli.err()).endsWith("kumo: function 'slow' timed out: Timeout: ran past 100 ms\n");
    }

    @Test
    void throttlingExitsRejectedWithTheRetryDelay() {
        server.reply(429, Map.of("Retry-After", "1"), "{\"error\":{\"code\":\"TooManyRequests\",\"message\":"
                + "\"concurrency limit reached\",\"reason\":\"FUNCTION_CONCURRENCY\"}}");

        Cli cli = Cli.against(server, "invoke", "hello");

        assertThat(cli.exit()).isEqualTo(ExitCode.REJECTED.code());
        assertThat(cli.err()).isEqualTo("kumo: concurrency limit reached (FUNCTION_CONCURRENCY, retry after 1 s)\n");
    }

    @Test
    void anOversizedPayloadIsInvalid() {
        server.reply(413, Fixtures.error("PayloadTooLarge", "body exceeds 6291456 bytes"));

        Cli cli = Cli.against(server, "invoke", "hello", "--data", "\"big\"");

        assertThat(cli.exit()).isEqualTo(ExitCode.INVALID.code());
        assertThat(cli.err()).isEqualTo("kumo: body exceeds 6291456 bytes\n");
    }
}
