package dev.kumo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.client.StubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NamespaceCommandTest {

    private static final String KEY = "{\"name\":\"team\",\"uuid\":\"u-1\",\"auth\":\"u-1:s3cret\"}";

    private final StubServer server = StubServer.start();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void createPrintsTheKeyOnStandardOutputOnly() {
        server.reply(201, KEY);

        Cli cli = Cli.against(server, "namespace", "create", "team");

        assertThat(cli.exit()).isZero();
        assertThat(server.only().method()).isEqualTo("PUT");
        assertThat(server.only().path()).isEqualTo("/v1/namespaces/team");
        assertThat(cli.out()).isEqualTo("u-1:s3cret\n");
        assertThat(cli.err()).contains("Created namespace 'team'", "only time");
    }

    @Test
    void keyRotatesAndJsonShowsTheWholeAnswer() {
        server.reply(200, KEY);

        Cli cli = Cli.against(server, "--json", "namespace", "key", "team");

        assertThat(cli.exit()).isZero();
        assertThat(server.only().method()).isEqualTo("POST");
        assertThat(server.only().path()).isEqualTo("/v1/namespaces/team/key");
        assertThat(cli.out()).contains("\"auth\" : \"u-1:s3cret\"");
    }

    @Test
    void listAndDelete() {
        server.reply(200, "{\"items\":[{\"name\":\"guest\",\"uuid\":\"23bc\",\"created\":\"2025-03-01T10:00:00Z\"},"
                + "{\"name\":\"team\",\"uuid\":\"u-1\",\"created\":\"2025-03-01T10:05:00Z\"}]}");
        assertThat(Cli.against(server, "namespace", "list").out()).isEqualTo("""
                NAME   UUID  CREATED
                guest  23bc  2025-03-01T10:00:00Z
                team   u-1   2025-03-01T10:05:00Z
                """);

        server.reply(204, "");
        assertThat(Cli.against(server, "namespace", "delete", "team").out()).isEqualTo("Deleted namespace 'team'\n");

        server.reply(409, "{\"error\":{\"code\":\"Conflict\",\"message\":\"the guest namespace cannot be deleted\"}}");
        Cli refused = Cli.against(server, "namespace", "delete", "guest");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("guest namespace cannot be deleted");
    }
}
