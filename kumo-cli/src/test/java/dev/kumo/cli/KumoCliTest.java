package dev.kumo.cli;

import dev.kumo.client.Fixtures;
import dev.kumo.client.StubServer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KumoCliTest {

    private final StubServer server = StubServer.start();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void helpListsCommandsExitCodesAndEnvironment() {
        Cli cli = Cli.run(Map.of(), "--help");

        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).contains("fn", "alias", "invoke", "activations", "activation", "logs", "dead-letters",
                "schedule", "trigger", "rule", "route",
                "Exit codes:", "0   OK: success", "1   FUNCTION_FAILED", "6   UNREACHABLE", "7   SERVER_ERROR",
                "KUMO_URL");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void everyExitCodeIsInTheHelp() {
        String help = Cli.run(Map.of(), "--help").out();

        for (ExitCode code : ExitCode.values()) {
            assertThat(help).contains(code.code() + "   " + code.name() + ": " + code.meaning());
        }
    }

    @Test
    void subcommandsHaveHelp() {
        Cli cli = Cli.run(Map.of(), "alias", "set", "--help");

        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).contains("--version=V", "--weight=V2=W");
    }

    @Test
    void withoutACommandItIsAUsageError() {
        Cli cli = Cli.run(Map.of());

        assertThat(cli.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(cli.err()).isEqualTo("kumo: missing command: fn, alias, invoke, activations, activation, logs, "
                + "dead-letters, schedule, trigger, rule or route (see 'kumo --help')\n");
    }

    @Test
    void anUnknownOptionIsOneUsageLine() {
        Cli cli = Cli.run(Map.of(), "fn", "list", "--bogus");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).startsWith("kumo: Unknown option: '--bogus'").endsWith("(see 'kumo fn list --help')\n")
                .hasLineCount(1);
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void kumoUrlFromTheEnvironmentIsUsed() {
        server.reply(200, Fixtures.page(""));

        assertThat(Cli.against(server, "fn", "list").exit()).isZero();
        assertThat(server.only().path()).isEqualTo("/v1/functions");
    }

    @Test
    void urlOptionBeatsTheEnvironmentEvenAfterTheSubcommand() {
        server.reply(200, Fixtures.page(""));

        Cli cli = Cli.run(Map.of("KUMO_URL", "http://127.0.0.1:1"), "fn", "list", "--url", server.uri().toString());

        assertThat(cli.exit()).isZero();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void anInvalidUrlIsAUsageError() {
        Cli cli = Cli.run(Map.of("KUMO_URL", "localhost:8080"), "fn", "list");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).startsWith("kumo: invalid KUMO_URL 'localhost:8080': expected a URL such as "
                + "http://127.0.0.1:8080");
    }

    @Test
    void anUnreachableServerSaysHowToStartIt() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        Cli cli = Cli.run(Map.of(), "--url", "http://127.0.0.1:" + port, "activations");

        assertThat(cli.exit()).isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(cli.err()).isEqualTo("kumo: cannot reach Kumo at http://127.0.0.1:" + port
                + " (is `./kumo up` running?)\n");
    }

    @Test
    void aServerErrorIsOneLineWithExitSeven() {
        server.reply(500, Fixtures.error("Internal", "store closed"));

        Cli cli = Cli.against(server, "fn", "get", "hello");

        assertThat(cli.exit()).isEqualTo(ExitCode.SERVER_ERROR.code());
        assertThat(cli.err()).isEqualTo("kumo: store closed\n");
    }

    @Test
    void anUnreadableAnswerIsAServerError() {
        server.reply(200, "{\"name\":\"hello\"}");

        Cli cli = Cli.against(server, "fn", "get", "hello");

        assertThat(cli.exit()).isEqualTo(7);
        assertThat(cli.err()).isEqualTo("kumo: malformed function from the server: missing 'version'\n");
    }

    @Test
    void statusesMapToExitCodes() {
        assertThat(ExitCode.forStatus(404)).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(ExitCode.forStatus(429)).isEqualTo(ExitCode.REJECTED);
        assertThat(ExitCode.forStatus(400)).isEqualTo(ExitCode.INVALID);
        assertThat(ExitCode.forStatus(409)).isEqualTo(ExitCode.INVALID);
        assertThat(ExitCode.forStatus(413)).isEqualTo(ExitCode.INVALID);
        assertThat(ExitCode.forStatus(415)).isEqualTo(ExitCode.INVALID);
        assertThat(ExitCode.forStatus(503)).isEqualTo(ExitCode.SERVER_ERROR);
    }

    @Test
    void exitCodeNumbersAreStable() {
        assertThat(ExitCode.values()).extracting(ExitCode::code).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }
}
