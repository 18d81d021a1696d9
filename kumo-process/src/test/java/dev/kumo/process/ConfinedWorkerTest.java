package dev.kumo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.core.ActivationId;
import dev.kumo.core.Runtimes;
import dev.kumo.core.Tier;
import dev.kumo.process.isolation.Isolation;
import dev.kumo.spi.executor.Execution;
import dev.kumo.spi.executor.ExecutionResult;
import dev.kumo.spi.executor.StartResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers under the real isolation layer: the process tier's cgroup turns a memory bomb into
 * {@code Runtime.OutOfMemory}; the sandbox tier's worker reaches its endpoint from its own network namespace.
 */
class ConfinedWorkerTest {

    private static final String APP = """
            import os, socket
            def handler(event, context):
                if event.get("bomb"):
                    hog = []
                    while True:
                        hog.append(bytearray(16 * 1024 * 1024))
                if event.get("connect"):
                    try:
                        socket.create_connection((event["connect"], 53), timeout=2).close()
                        return {"connected": True}
                    except OSError as e:
                        return {"connected": False, "error": type(e).__name__}
                return {"pid": os.getpid(), "uid": os.getuid()}
            """;

    @TempDir
    Path dir;

    private Isolation isolation;
    private RuntimeApi api;
    private final InstantSource clock = InstantSource.system();

    @BeforeEach
    void detect() {
        isolation = Isolation.detect(dir.resolve("isolation"));
        api = RuntimeApi.create();
    }

    @AfterEach
    void close() {
        api.close();
        isolation.close();
    }

    private ProcessExecutor executor(Tier tier) {
        return ProcessExecutor.create(tier, ProcessTierConfig.defaults(dir.resolve("work")), api,
                Confiner.of(isolation, tier), clock, Optional.empty());
    }

    private ExecutionResult run(ProcessExecutor executor, Tier tier, String payload) {
        var spec = Fixtures.spec("confined-" + tier.wireName(), Runtimes.PYTHON3, "app.handler",
                Fixtures.zip(dir, Map.of("app.py", APP)), 30_000, Map.of(), 128, tier);
        StartResult start = executor.start(spec, ActivationId.random(), clock.instant().plusSeconds(20));
        assertThat(start).as("%s", start).isInstanceOf(StartResult.Started.class);
        return ((StartResult.Started) start).instance().execute(new Execution(ActivationId.random(),
                payload.getBytes(StandardCharsets.UTF_8), clock.instant().plusSeconds(20)));
    }

    @Test
    void aMemoryBombInTheProcessTierIsOutOfMemory() {
        assertThat(isolation.availability(Tier.PROCESS).describe()).as("cgroups on this machine")
                .doesNotContain("no resource limits");
        try (var executor = executor(Tier.PROCESS)) {
            var result = run(executor, Tier.PROCESS, "{\"bomb\":true}");
            assertThat(result).as("%s", result).isInstanceOfSatisfying(ExecutionResult.Threw.class,
                    t -> assertThat(t.error().errorType()).isEqualTo("Runtime.OutOfMemory"));
        }
    }

    @Test
    void aJavaWorkerFitsTheSmallestMemoryLimit() {
        for (Tier tier : new Tier[] {Tier.PROCESS, Tier.SANDBOX}) {
            try (var executor = executor(tier)) {
                var spec = Fixtures.spec("java-128-" + tier.wireName(), Runtimes.JAVA, "dev.kumo.examples.Hello",
                        Fixtures.examplesJar(dir), 30_000, Map.of(), 128, tier);
                StartResult start = executor.start(spec, ActivationId.random(), clock.instant().plusSeconds(30));
                assertThat(start).as("%s: %s", tier, start).isInstanceOf(StartResult.Started.class);
                var result = ((StartResult.Started) start).instance().execute(new Execution(ActivationId.random(),
                        "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8), clock.instant().plusSeconds(20)));
                assertThat(result).as("%s: %s", tier, result).isInstanceOf(ExecutionResult.Returned.class);
            }
        }
    }

    @Test
    void aPooledJavaWorkerStartsInItsSizesCgroupWithItsEndpointAndTheColdStartKeepsThatJvm() throws Exception {
        assertThat(isolation.availability(Tier.PROCESS).describe()).as("cgroups on this machine")
                .doesNotContain("no resource limits");
        var config = ProcessTierConfig.defaults(dir.resolve("work")).withPool(1, 512);
        Confiner confiner = Confiner.of(isolation, Tier.PROCESS);
        try (var pool = JavaWorkerPool.create(config, clock, confiner, api);
             var executor = ProcessExecutor.create(Tier.PROCESS, config, api, confiner, clock, Optional.of(pool))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> pool.ready(256) == 1);
            long generic = pool.idlePids().getFirst();
            // confined before any function: the cold start has no cgroup to create or join
            assertThat(Files.readString(Path.of("/proc/" + generic + "/cgroup"))).contains("/generic-");
            var spec = Fixtures.spec("pooled", Runtimes.JAVA, "dev.kumo.examples.Hello", Fixtures.examplesJar(dir),
                    30_000, Map.of());
            assertThat(api.openEndpoints()).as("the pool opened the worker's endpoint").isEqualTo(1);
            StartResult start = executor.start(spec, ActivationId.random(), clock.instant().plusSeconds(30));
            assertThat(start).as("%s", start).isInstanceOf(StartResult.Started.class);
            assertThat(api.openEndpoints()).as("the cold start opened none").isEqualTo(1);
            var instance = (ProcessInstance) ((StartResult.Started) start).instance();
            assertThat(instance.pid()).as("specialized, not a new JVM").isEqualTo(generic);
            assertThat(Files.readString(Path.of("/proc/" + generic + "/cgroup"))).contains("/generic-");
            var result = instance.execute(new Execution(ActivationId.random(),
                    "{\"name\":\"Pool\"}".getBytes(StandardCharsets.UTF_8), clock.instant().plusSeconds(20)));
            assertThat(result).as("%s", result).isInstanceOfSatisfying(ExecutionResult.Returned.class, r -> assertThat(
                    new String(r.output(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Hello, Pool!\"}"));
        }
    }

    @Test
    void aSandboxedWorkerReachesItsEndpointButNothingElse() {
        assertThat(isolation.availability(Tier.SANDBOX).available())
                .as("sandbox tier: %s", isolation.availability(Tier.SANDBOX).describe()).isTrue();
        try (var executor = executor(Tier.SANDBOX)) {
            var result = run(executor, Tier.SANDBOX, "{\"connect\":\"1.1.1.1\"}");
            assertThat(result).as("%s", result).isInstanceOfSatisfying(ExecutionResult.Returned.class,
                    r -> assertThat(new String(r.output(), StandardCharsets.UTF_8)).contains("\"connected\": false"));
        }
    }
}
