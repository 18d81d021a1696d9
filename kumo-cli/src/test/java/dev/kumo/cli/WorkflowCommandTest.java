package dev.kumo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.client.StubServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowCommandTest {

    static final String DEF = "{\"startAt\":\"a\",\"steps\":{\"a\":{\"type\":\"task\",\"function\":\"echo\",\"end\":true}}}";
    static final String WORKFLOW = "{\"name\":\"w\",\"definition\":" + DEF
            + ",\"created\":\"2025-03-01T10:00:00Z\",\"modified\":\"2025-03-01T10:00:00Z\"}";

    private final StubServer server = StubServer.start();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void putSendsTheFileAndListShowsTheSteps(@TempDir Path dir) throws Exception {
        var file = dir.resolve("w.json");
        Files.writeString(file, DEF);
        server.reply(201, WORKFLOW);
        var put = Cli.against(server, "workflow", "put", "w", "--file", file.toString());
        assertThat(put.exit()).isZero();
        assertThat(server.only().method()).isEqualTo("PUT");
        assertThat(server.only().path()).isEqualTo("/v1/workflows/w");
        assertThat(server.only().bodyText()).isEqualTo(DEF);
        assertThat(put.out()).isEqualTo("Workflow 'w' stored\n");

        server.reply(200, "{\"items\":[" + WORKFLOW + "],\"nextToken\":null}");
        assertThat(Cli.against(server, "workflow", "list").out()).contains("w     1      ");
    }

    @Test
    void runPrintsTheOutputOrTheFailureAndAsyncTheRunId() {
        server.reply(200, "{\"runId\":\"r1\",\"status\":\"succeeded\",\"output\":{\"sum\":5}}");
        var ok = Cli.against(server, "workflow", "run", "w", "--input", "{\"n\":3}");
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).isEqualTo("{\"sum\":5}\n");
        assertThat(server.requests().getLast().path()).isEqualTo("/v1/workflows/w/run");
        assertThat(server.requests().getLast().query()).contains("timeoutMs=60000");
        assertThat(server.requests().getLast().bodyText()).isEqualTo("{\"n\":3}");

        server.reply(200, "{\"runId\":\"r2\",\"status\":\"failed\",\"error\":{\"type\":\"X\",\"step\":\"a\"}}");
        var failed = Cli.against(server, "workflow", "run", "w");
        assertThat(failed.exit()).isEqualTo(ExitCode.FUNCTION_FAILED.code());
        assertThat(failed.out()).contains("Run r2 failed");

        server.reply(202, "{\"runId\":\"r3\"}");
        var async = Cli.against(server, "workflow", "run", "w", "--async");
        assertThat(async.exit()).isZero();
        assertThat(server.requests().getLast().query()).contains("mode=async");
        assertThat(async.out()).contains("Run r3 is running");
    }

    @Test
    void runGetShowsTheSteps() {
        server.reply(200, "{\"runId\":\"r1\",\"workflow\":\"w\",\"status\":\"succeeded\",\"input\":1,\"output\":1,"
                + "\"started\":\"2025-03-01T10:00:00Z\",\"ended\":\"2025-03-01T10:00:01Z\",\"steps\":{\"a\":"
                + "{\"status\":\"succeeded\",\"attempts\":2}}}");
        var get = Cli.against(server, "workflow-run", "get", "r1");
        assertThat(get.exit()).isZero();
        assertThat(server.only().path()).isEqualTo("/v1/workflow-runs/r1");
        assertThat(get.out()).contains("succeeded, 2 attempt(s)");
    }
}
