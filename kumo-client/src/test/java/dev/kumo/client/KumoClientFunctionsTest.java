package dev.kumo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KumoClientFunctionsTest extends WithStubServer {

    @Test
    void deployUploadsTheRawJarWithSettingsAsQueryParameters() {
        server.reply(201, Fixtures.function("hello", "$LATEST"));
        byte[] jar = {0x50, 0x4b, 3, 4, 9};

        DeployResult result = client.deploy("hello", jar, FunctionSpec.builder().handler("com.example.Hello")
                .memoryMb(512).timeoutMs(3000).tier(Tier.SHARED).concurrency(4).maxInstances(8)
                .description("greets you").build());

        StubServer.Recorded request = server.only();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/v1/functions/hello/code");
        assertThat(request.query()).isEqualTo("handler=com.example.Hello&memoryMb=512&timeoutMs=3000&tier=shared"
                + "&concurrency=4&maxInstances=8&description=greets%20you");
        assertThat(request.header("Content-Type")).isEqualTo("application/java-archive");
        assertThat(request.body()).isEqualTo(jar);
        assertThat(result.created()).isTrue();
        assertThat(result.function().name()).isEqualTo("hello");
    }

    @Test
    void deployWithEnvIsOneJsonPutCarryingTheJar() {
        server.reply(201, Fixtures.function("hello", "$LATEST"));

        DeployResult result = client.deploy("hello", new byte[] {1, 2}, FunctionSpec.builder()
                .handler("com.example.Hello").memoryMb(512).env(Map.of("B", "2", "A", "1")).build());

        StubServer.Recorded request = server.only();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/v1/functions/hello");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.bodyText()).isEqualTo("{\"handler\":\"com.example.Hello\",\"memoryMb\":512,"
                + "\"env\":{\"A\":\"1\",\"B\":\"2\"},\"code\":{\"jarBase64\":\"AQI=\"}}");
        assertThat(result.created()).isTrue();
    }

    @Test
    void redeployOfAnExistingFunctionChangesSettingsInTheSameRequest() {
        server.reply(200, Fixtures.function("hello", "$LATEST"));

        DeployResult result = client.deploy("hello", new byte[] {1}, FunctionSpec.builder().memoryMb(1024).build());

        assertThat(server.only().path()).isEqualTo("/v1/functions/hello/code");
        assertThat(server.only().query()).isEqualTo("memoryMb=1024");
        assertThat(result.created()).isFalse();
    }

    @Test
    void redeployWithoutSettingsSendsNoQuery() {
        server.reply(200, Fixtures.function("hello", "$LATEST"));

        DeployResult result = client.deploy("hello", new byte[] {1}, FunctionSpec.builder().build());

        assertThat(server.only().query()).isEmpty();
        assertThat(result.created()).isFalse();
    }

    @Test
    void deployReadsTheJarFromAFile(@TempDir Path dir) throws Exception {
        Path jar = Files.write(dir.resolve("f.jar"), new byte[] {7, 8, 9});
        server.reply(201, Fixtures.function("hello", "$LATEST"));

        client.deploy("hello", jar, FunctionSpec.ofHandler("com.example.Hello"));

        assertThat(server.only().body()).containsExactly(7, 8, 9);
    }

    @Test
    void putFunctionSendsTheJarBase64InTheJsonBody() {
        server.reply(201, Fixtures.function("hello", "$LATEST"));

        DeployResult result = client.putFunction("hello", FunctionSpec.builder().handler("com.example.Hello")
                .tier(Tier.ISOLATED).build(), "jar".getBytes(StandardCharsets.UTF_8));

        StubServer.Recorded request = server.only();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/v1/functions/hello");
        assertThat(request.bodyText()).isEqualTo("{\"handler\":\"com.example.Hello\",\"tier\":\"isolated\","
                + "\"code\":{\"jarBase64\":\"" + Base64.getEncoder().encodeToString("jar".getBytes()) + "\"}}");
        assertThat(result.created()).isTrue();
    }

    @Test
    void getFunctionReadsEveryField() {
        server.reply(200, Fixtures.function("hello", "3"));

        FunctionInfo f = client.getFunction("hello", "3");

        assertThat(server.only().path()).isEqualTo("/v1/functions/hello");
        assertThat(server.only().query()).isEqualTo("qualifier=3");
        assertThat(f).isEqualTo(new FunctionInfo("hello", "3", "com.example.Hello", "java", 512, 3000, 4, 8,
                Tier.SHARED, Map.of("GREETING", "hi"), "greets", "abc123", 2048,
                Instant.parse("2025-03-01T10:15:30Z"), 7));
    }

    @Test
    void qualifierLatestIsSentReadably() {
        server.reply(200, Fixtures.function("hello", "$LATEST"));

        client.getFunction("hello", "$LATEST");

        assertThat(server.only().query()).isEqualTo("qualifier=$LATEST");
    }

    @Test
    void namesAreEncodedSoTheyCannotChangeTheRoute() {
        server.reply(200, Fixtures.function("hello", "$LATEST"));

        client.getFunction("a/b c");

        assertThat(server.only().path()).isEqualTo("/v1/functions/a%2Fb%20c");
    }

    @Test
    void listFunctionsPassesLimitAndToken() {
        server.reply(200, Fixtures.page("t2", Fixtures.function("a", "$LATEST")));

        Page<FunctionInfo> page = client.listFunctions(10, "t1");

        assertThat(server.only().path()).isEqualTo("/v1/functions");
        assertThat(server.only().query()).isEqualTo("limit=10&nextToken=t1");
        assertThat(page.items()).extracting(FunctionInfo::name).containsExactly("a");
        assertThat(page.nextToken()).contains("t2");
    }

    @Test
    void listAllFunctionsFollowsTokensToTheLastPage() {
        server.reply(200, Fixtures.page("next", Fixtures.function("a", "$LATEST"), Fixtures.function("b", "$LATEST")))
                .reply(200, Fixtures.page("", Fixtures.function("c", "$LATEST")));

        assertThat(client.listAllFunctions()).extracting(FunctionInfo::name).containsExactly("a", "b", "c");
        assertThat(server.requests()).extracting(StubServer.Recorded::query)
                .containsExactly("limit=1000", "limit=1000&nextToken=next");
    }

    @Test
    void listAllStopsWhenTheServerRepeatsAToken() {
        server.reply(200, Fixtures.page("same")).reply(200, Fixtures.page("same"));

        assertThatThrownBy(client::listAllFunctions).isInstanceOf(KumoProtocolException.class)
                .hasMessageContaining("same nextToken");
    }

    @Test
    void limitOutsideTheApiRangeIsRejectedLocally() {
        assertThatThrownBy(() -> client.listFunctions(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void deleteFunctionSendsDelete() {
        server.reply(204, "");

        client.deleteFunction("hello");

        assertThat(server.only().method()).isEqualTo("DELETE");
        assertThat(server.only().path()).isEqualTo("/v1/functions/hello");
    }

    @Test
    void toJsonRoundTripsTheWireForm() {
        server.reply(200, Fixtures.function("hello", "3"));
        FunctionInfo f = client.getFunction("hello");

        assertThat(f.toJson()).contains("\"tier\" : \"shared\"", "\"modified\" : \"2025-03-01T10:15:30Z\"",
                "\"GREETING\" : \"hi\"");
    }
}
