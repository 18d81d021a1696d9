package dev.kumo.cli;

import dev.kumo.client.Fixtures;
import dev.kumo.client.StubServer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FnCommandTest {

    private final StubServer server = StubServer.start();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void deployUploadsTheJarAndReportsCreation() throws Exception {
        Path jar = Files.write(dir.resolve("hello.jar"), new byte[] {1, 2, 3});
        server.reply(201, Fixtures.function("hello", "$LATEST"));

        Cli cli = Cli.against(server, "fn", "deploy", "hello", "--jar", jar.toString(), "--handler",
                "com.example.Hello", "--memory", "512", "--timeout", "3000", "--tier", "shared", "--concurrency", "4",
                "--max-instances", "8", "--description", "greets");

        assertThat(cli.exit()).isZero();
        StubServer.Recorded request = server.only();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/v1/functions/hello/code");
        assertThat(request.query()).isEqualTo("handler=com.example.Hello&memoryMb=512&timeoutMs=3000&tier=shared"
                + "&concurrency=4&maxInstances=8&description=greets");
        assertThat(request.body()).containsExactly(1, 2, 3);
        assertThat(cli.out()).isEqualTo("Created function 'hello' ($LATEST, com.example.Hello, 512 MB, shared, "
                + "code abc123, 2048 bytes)\n");
    }

    @Test
    void deploySendsTheRuntimeAndTierOfAZip() throws Exception {
        Path zip = Files.write(dir.resolve("app.zip"), new byte[] {4, 5});
        server.reply(201, Fixtures.function("adder", "$LATEST"));

        Cli cli = Cli.against(server, "fn", "deploy", "adder", "--zip", zip.toString(), "--runtime", "python3.12",
                "--handler", "app.handler", "--tier", "sandbox", "--network", "egress");

        assertThat(cli.exit()).isZero();
        assertThat(server.only().path()).isEqualTo("/v1/functions/adder/code");
        assertThat(server.only().query()).isEqualTo("handler=app.handler&runtime=python3.12&tier=sandbox"
                + "&network=egress");
        assertThat(server.only().body()).containsExactly(4, 5);
    }

    @Test
    void deployWithEnvSendsOneJsonRequest() throws Exception {
        Path jar = Files.write(dir.resolve("hello.jar"), new byte[] {1});
        server.reply(200, Fixtures.function("hello", "$LATEST"));

        Cli cli = Cli.against(server, "fn", "deploy", "hello", "--jar", jar.toString(), "--handler",
                "com.example.Hello", "--env", "GREETING=hi", "--env", "LANG=en");

        assertThat(cli.exit()).isZero();
        assertThat(server.only().path()).isEqualTo("/v1/functions/hello");
        assertThat(server.only().bodyText()).isEqualTo("{\"handler\":\"com.example.Hello\","
                + "\"env\":{\"GREETING\":\"hi\",\"LANG\":\"en\"},\"code\":{\"jarBase64\":\"AQ==\"}}");
        assertThat(cli.out()).startsWith("Updated function 'hello'");
    }

    @Test
    void anEnvEntryWithoutEqualsIsAUsageError() {
        Cli cli = Cli.against(server, "fn", "deploy", "hello", "--jar", "x.jar", "--handler", "a.B", "--env", "X");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).contains("--env").hasLineCount(1);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void deployOfAMissingJarSendsNothing() {
        Cli cli = Cli.against(server, "fn", "deploy", "hello", "--jar", dir.resolve("nope.jar").toString(),
                "--handler", "com.example.Hello");

        assertThat(cli.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(cli.err()).isEqualTo("kumo: cannot read code file '" + dir.resolve("nope.jar")
                + "' (see 'kumo fn deploy --help')\n");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void deployWithoutHandlerIsAUsageError() {
        Cli cli = Cli.against(server, "fn", "deploy", "hello", "--jar", "x.jar");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("kumo: Missing required option: '--handler=HANDLER' "
                + "(see 'kumo fn deploy --help')\n");
    }

    @Test
    void anInvalidTierIsAUsageError() {
        Cli cli = Cli.against(server, "fn", "deploy", "hello", "--jar", "x.jar", "--handler", "a.B", "--tier", "gpu");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).contains("--tier").hasLineCount(1);
    }

    @Test
    void aRefusedDeployNamesTheFieldAndExitsInvalid() throws Exception {
        Path jar = Files.write(dir.resolve("hello.jar"), new byte[] {1});
        server.reply(400, "{\"error\":{\"code\":\"InvalidRequest\",\"message\":\"must be between 128 and 10240, "
                + "got 64\",\"field\":\"memoryMb\"}}");

        Cli cli = Cli.against(server, "fn", "deploy", "hello", "--jar", jar.toString(), "--handler", "a.B",
                "--memory", "64");

        assertThat(cli.exit()).isEqualTo(ExitCode.INVALID.code());
        assertThat(cli.err()).isEqualTo("kumo: must be between 128 and 10240, got 64 (field 'memoryMb')\n");
    }

    @Test
    void forbiddenCallsAreInvalid() throws Exception {
        Path jar = Files.write(dir.resolve("hello.jar"), new byte[] {1});
        server.reply(400, Fixtures.error("ForbiddenCall", "com.example.Bad.handle calls java.lang.System.exit"));

        Cli cli = Cli.against(server, "fn", "deploy", "bad", "--jar", jar.toString(), "--handler", "a.B");

        assertThat(cli.exit()).isEqualTo(5);
        assertThat(cli.err()).isEqualTo("kumo: com.example.Bad.handle calls java.lang.System.exit\n");
    }

    @Test
    void listPrintsATable() {
        server.reply(200, Fixtures.page("", Fixtures.function("hello", "$LATEST"), Fixtures.function("bye", "$LATEST")));

        Cli cli = Cli.against(server, "fn", "list");

        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).isEqualTo("""
                NAME   HANDLER            TIER    MEMORY MB  TIMEOUT MS  MODIFIED
                hello  com.example.Hello  shared  512        3000        2025-03-01T10:15:30Z
                bye    com.example.Hello  shared  512        3000        2025-03-01T10:15:30Z
                """);
    }

    @Test
    void listWithJsonPrintsAnArray() {
        server.reply(200, Fixtures.page("", Fixtures.function("hello", "$LATEST")));

        Cli cli = Cli.against(server, "--json", "fn", "list");

        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).startsWith("[ {").contains("\"name\" : \"hello\"", "\"codeSha256\" : \"abc123\"")
                .endsWith("} ]\n");
    }

    @Test
    void getPrintsEveryField() {
        server.reply(200, Fixtures.function("hello", "3"));

        Cli cli = Cli.against(server, "fn", "get", "hello", "--qualifier", "live");

        assertThat(server.only().query()).isEqualTo("qualifier=live");
        assertThat(cli.out()).isEqualTo("""
                name           hello
                version        3
                handler        com.example.Hello
                runtime        java
                tier           shared
                memory MB      512
                timeout ms     3000
                concurrency    4
                max instances  8
                env            GREETING=hi
                description    greets
                async          retries 2, max event age 21600 s
                code sha256    abc123
                code size      2048 bytes
                modified       2025-03-01T10:15:30Z
                revision       7
                """);
    }

    @Test
    void getOfAnUnknownFunctionExitsNotFound() {
        server.reply(404, Fixtures.error("NotFound", "function 'x' not found"));

        Cli cli = Cli.against(server, "fn", "get", "x");

        assertThat(cli.exit()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(cli.err()).isEqualTo("kumo: function 'x' not found\n");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void deleteConfirms() {
        server.reply(204, "");

        Cli cli = Cli.against(server, "fn", "delete", "hello");

        assertThat(server.only().method()).isEqualTo("DELETE");
        assertThat(cli.out()).isEqualTo("Deleted function 'hello'\n");
    }

    @Test
    void publishSendsTheDescription() {
        server.reply(201, Fixtures.function("hello", "2"));

        Cli cli = Cli.against(server, "fn", "publish", "hello", "--description", "v2");

        assertThat(server.only().bodyText()).isEqualTo("{\"description\":\"v2\"}");
        assertThat(cli.out()).isEqualTo("Published version 2 of 'hello' (code abc123)\n");
    }

    @Test
    void versionsPrintsATable() {
        server.reply(200, Fixtures.page("", Fixtures.function("hello", "1"), Fixtures.function("hello", "2")));

        Cli cli = Cli.against(server, "fn", "versions", "hello");

        assertThat(server.only().path()).isEqualTo("/v1/functions/hello/versions");
        assertThat(cli.out()).isEqualTo("""
                VERSION  DESCRIPTION  CODE    SIZE  MODIFIED
                1        greets       abc123  2048  2025-03-01T10:15:30Z
                2        greets       abc123  2048  2025-03-01T10:15:30Z
                """);
    }
}
