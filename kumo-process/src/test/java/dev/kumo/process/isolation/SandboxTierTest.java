package dev.kumo.process.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.kumo.core.ActivationId;
import dev.kumo.core.CodeRef;
import dev.kumo.core.FunctionConfig;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Runtimes;
import dev.kumo.core.Tier;
import dev.kumo.process.Confiner;
import dev.kumo.process.ProcessExecutor;
import dev.kumo.process.ProcessTierConfig;
import dev.kumo.process.RuntimeApi;
import dev.kumo.spi.executor.Execution;
import dev.kumo.spi.executor.ExecutionResult;
import dev.kumo.spi.executor.FunctionInstance;
import dev.kumo.spi.executor.InstanceSpec;
import dev.kumo.spi.executor.StartResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sandbox tier's executor (P1's {@link ProcessExecutor}) over this layer, with real Python workers. */
class SandboxTierTest {

    @TempDir
    static Path dir;

    private static final InstantSource CLOCK = InstantSource.system();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Isolation isolation;
    private static RuntimeApi api;
    private static ProcessExecutor executor;

    private static final String PROBE = """
            import os, socket
            def attempt(f):
                try:
                    return f()
                except Exception as e:
                    return type(e).__name__
            def connect(host, port):
                socket.create_connection((host, port), timeout=2).close()
                return "connected"
            def write(path):
                with open(path, "w") as f:
                    f.write("x")
                return "written"
            def handler(event, context):
                return {
                    "uid": os.getuid(),
                    "data": attempt(lambda: open(event["secret"]).read()),
                    "own": attempt(lambda: open(os.path.join(os.environ["LAMBDA_TASK_ROOT"], "app.py")).read()[:6]),
                    "ownWrite": attempt(lambda: write(os.path.join(os.environ["LAMBDA_TASK_ROOT"], "x"))),
                    "tmp": attempt(lambda: write("/tmp/x")),
                    "pid": os.getpid(),
                    "outside": attempt(lambda: connect("1.1.1.1", 53)),
                }
            def bomb(event, context):
                chunks = []
                while True:
                    chunks.append(bytearray(16 * 1024 * 1024))
            """;

    @BeforeAll
    static void start() {
        isolation = Isolation.detect(dir.resolve("isolation"));
        if (!isolation.availability(Tier.SANDBOX).available()) {
            fail("the sandbox tier must be available here: " + isolation.availability(Tier.SANDBOX).describe());
        }
        api = RuntimeApi.create();
        executor = ProcessExecutor.create(Tier.SANDBOX, ProcessTierConfig.defaults(dir.resolve("work")), api,
                Confiner.of(isolation, Tier.SANDBOX), CLOCK, Optional.empty());
    }

    @AfterAll
    static void stop() {
        executor.close();
        api.close();
        isolation.close();
    }

    @Test
    void aPythonFunctionRunsAsNobodyAndSeesOnlyItsOwnCode() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "server secret");
        FunctionInstance instance = started(spec("probe", "app.handler", 128));
        JsonNode seen = JSON.readTree(output(instance.execute(execution("{\"secret\":\"" + secret + "\"}", 20))));

        assertThat(seen.get("uid").asInt()).isEqualTo(65534);
        assertThat(seen.get("data").asString()).isEqualTo("FileNotFoundError");
        assertThat(seen.get("own").asString()).isEqualTo("import");
        assertThat(seen.get("ownWrite").asString()).isEqualTo("OSError");
        assertThat(seen.get("tmp").asString()).isEqualTo("written");
        assertThat(seen.get("pid").asInt()).isLessThan(10);
        assertThat(seen.get("outside").asString()).isIn("OSError", "TimeoutError");
    }

    @Test
    void aMemoryBombEndsAsOutOfMemory() throws Exception {
        FunctionInstance instance = started(spec("bomb", "app.bomb", 128));
        ExecutionResult result = instance.execute(execution("{}", 30));
        assertThat(result).as("%s", result).isInstanceOfSatisfying(ExecutionResult.Threw.class,
                t -> assertThat(t.error().errorType()).isEqualTo("Runtime.OutOfMemory"));
        assertThat(instance.alive()).isFalse();
    }

    @Test
    void aNodeFunctionRunsInTheSandbox() throws Exception {
        String index = "exports.handler = async (event) => ({ uid: process.getuid(), pid: process.pid });\n";
        JsonNode seen = JSON.readTree(output(started(spec("node", Runtimes.NODEJS, "index.handler", 256,
                Map.of("index.js", index.getBytes(StandardCharsets.UTF_8)))).execute(execution("{}", 20))));
        assertThat(seen.get("uid").asInt()).isEqualTo(65534);
        assertThat(seen.get("pid").asInt()).isLessThan(10);
    }

    @Test
    void aJavaFunctionRunsInAWorkerJvmInTheSandbox() throws Exception {
        FunctionInstance instance = started(spec("hello", Runtimes.JAVA, "dev.kumo.examples.Hello", 256,
                Map.of(), examplesJar()));
        assertThat(output(instance.execute(execution("{\"name\":\"Ada\"}", 30))))
                .isEqualTo("{\"message\":\"Hello, Ada!\"}");
    }

    private static FunctionInstance started(InstanceSpec spec) {
        StartResult result = executor.start(spec, ActivationId.random(), CLOCK.instant().plusSeconds(20));
        assertThat(result).as("cold start: %s", result).isInstanceOf(StartResult.Started.class);
        return ((StartResult.Started) result).instance();
    }

    private static Execution execution(String payload, int seconds) {
        return new Execution(ActivationId.random(), payload.getBytes(StandardCharsets.UTF_8),
                CLOCK.instant().plus(Duration.ofSeconds(seconds)));
    }

    private static String output(ExecutionResult result) {
        assertThat(result).as("%s", result).isInstanceOf(ExecutionResult.Returned.class);
        return new String(((ExecutionResult.Returned) result).output(), StandardCharsets.UTF_8);
    }

    private static InstanceSpec spec(String name, String handler, int memoryMb) throws Exception {
        return spec(name, Runtimes.PYTHON3, handler, memoryMb, Map.of("app.py", PROBE.getBytes(StandardCharsets.UTF_8)));
    }

    private static InstanceSpec spec(String name, String runtime, String handler, int memoryMb,
            Map<String, byte[]> files) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return spec(name, runtime, handler, memoryMb, files, bytes.toByteArray());
    }

    private static InstanceSpec spec(String name, String runtime, String handler, int memoryMb,
            Map<String, byte[]> files, byte[] code) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code));
        Path blob = Files.write(dir.resolve(sha + ".blob"), code);
        var config = new FunctionConfig(handler, runtime, memoryMb, 30_000, 1, 4, Tier.SANDBOX, Map.of(), "");
        var version = new FunctionVersion(name, FunctionVersion.LATEST, config, new CodeRef(sha, code.length),
                Instant.EPOCH, 1);
        return new InstanceSpec(version, blob);
    }

    /** The examples jar (packed from its classes directory when Maven hands out a directory). */
    private static byte[] examplesJar() throws Exception {
        Path location = Path.of(Class.forName("dev.kumo.examples.Hello").getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        if (Files.isRegularFile(location)) {
            return Files.readAllBytes(location);
        }
        var bytes = new ByteArrayOutputStream();
        try (var jar = new ZipOutputStream(bytes); var files = Files.walk(location)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new ZipEntry(location.relativize(file).toString()));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

}
