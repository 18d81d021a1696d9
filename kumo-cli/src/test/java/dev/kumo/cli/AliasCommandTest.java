package dev.kumo.cli;

import dev.kumo.client.Fixtures;
import dev.kumo.client.StubServer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AliasCommandTest {

    private final StubServer server = StubServer.start();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void setSendsVersionAndWeight() {
        server.reply(200, Fixtures.alias("hello", "live"));

        Cli cli = Cli.against(server, "alias", "set", "hello", "live", "--version", "1", "--weight", "2=0.25",
                "--description", "canary");

        assertThat(cli.exit()).isZero();
        assertThat(server.only().method()).isEqualTo("PUT");
        assertThat(server.only().path()).isEqualTo("/v1/functions/hello/aliases/live");
        assertThat(server.only().bodyText()).isEqualTo(
                "{\"version\":\"1\",\"additionalVersionWeights\":{\"2\":0.25},\"description\":\"canary\"}");
        assertThat(cli.out()).isEqualTo("""
                function     hello
                alias        live
                version      1
                weights      2=0.25
                description  canary
                modified     2025-03-02T08:00:00Z
                """);
    }

    @Test
    void setWithoutVersionIsAUsageError() {
        Cli cli = Cli.against(server, "alias", "set", "hello", "live");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("kumo: Missing required option: '--version=V' (see 'kumo alias set --help')\n");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anUnpublishedVersionIsInvalid() {
        server.reply(400, "{\"error\":{\"code\":\"InvalidRequest\",\"message\":\"version 9 of 'hello' is not "
                + "published\",\"field\":\"version\"}}");

        Cli cli = Cli.against(server, "alias", "set", "hello", "live", "--version", "9");

        assertThat(cli.exit()).isEqualTo(ExitCode.INVALID.code());
        assertThat(cli.err()).isEqualTo("kumo: version 9 of 'hello' is not published\n");
    }

    @Test
    void getWithJsonPrintsTheWireForm() {
        server.reply(200, Fixtures.alias("hello", "live"));

        Cli cli = Cli.against(server, "alias", "get", "hello", "live", "--json");

        assertThat(server.only().path()).isEqualTo("/v1/functions/hello/aliases/live");
        assertThat(cli.out()).contains("\"function\" : \"hello\"", "\"additionalVersionWeights\" : {",
                "\"2\" : 0.25");
    }

    @Test
    void listPrintsATable() {
        server.reply(200, Fixtures.page("", Fixtures.alias("hello", "live"), Fixtures.alias("hello", "beta")));

        Cli cli = Cli.against(server, "alias", "list", "hello");

        assertThat(cli.out()).isEqualTo("""
                NAME  VERSION  WEIGHTS  DESCRIPTION  MODIFIED
                live  1        2=0.25   canary       2025-03-02T08:00:00Z
                beta  1        2=0.25   canary       2025-03-02T08:00:00Z
                """);
    }

    @Test
    void deleteConfirms() {
        server.reply(204, "");

        Cli cli = Cli.against(server, "alias", "delete", "hello", "live");

        assertThat(server.only().method()).isEqualTo("DELETE");
        assertThat(cli.out()).isEqualTo("Deleted alias 'live' of function 'hello'\n");
    }
}
