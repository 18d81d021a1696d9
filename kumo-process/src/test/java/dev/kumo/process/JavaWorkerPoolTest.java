package dev.kumo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.core.ActivationId;
import dev.kumo.core.Runtimes;
import dev.kumo.core.Tier;
import dev.kumo.spi.executor.Execution;
import dev.kumo.spi.executor.ExecutionResult;
import dev.kumo.spi.executor.StartResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pre-started generic worker JVMs: started before any function, specialized by a cold start. */
class JavaWorkerPoolTest {

    @TempDir
    Path dir;

    @Test
    void aColdStartSpecializesAPreStartedWorkerAndThePoolRefills() {
        var config = ProcessTierConfig.defaults(dir.resolve("work")).withPool(1, 512);
        InstantSource clock = InstantSource.system();
        try (var api = RuntimeApi.create(); var pool = JavaWorkerPool.create(config, clock);
             var executor = ProcessExecutor.create(Tier.PROCESS, config, api, Confiner.plain(), clock,
                     Optional.of(pool))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> pool.idle().getOrDefault(256, 0) == 1);
            var spec = Fixtures.spec("hello", Runtimes.JAVA, "dev.kumo.examples.Hello", Fixtures.examplesJar(dir),
                    30_000, Map.of());
            var generic = pool.idlePids();
            StartResult start = executor.start(spec, ActivationId.random(), clock.instant().plusSeconds(20));
            assertThat(start).as("%s", start).isInstanceOf(StartResult.Started.class);
            assertThat(generic).contains(((ProcessInstance) ((StartResult.Started) start).instance()).pid());
            // the pool refills to its target
            await().atMost(Duration.ofSeconds(20)).until(() -> pool.idle().getOrDefault(256, 0) == 1);
            var result = ((StartResult.Started) start).instance().execute(new Execution(ActivationId.random(),
                    "{\"name\":\"Pool\"}".getBytes(StandardCharsets.UTF_8), clock.instant().plusSeconds(20)));
            assertThat(result).isInstanceOfSatisfying(ExecutionResult.Returned.class, r -> assertThat(
                    new String(r.output(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Hello, Pool!\"}"));
        }
    }

    @Test
    void theTargetFollowsColdStartsWithinTheMaximum() {
        var config = ProcessTierConfig.defaults(dir.resolve("work")).withPool(3, 0); // no budget: nothing starts
        try (var pool = JavaWorkerPool.create(config, InstantSource.system())) {
            assertThat(pool.target(256)).isEqualTo(1);
            assertThat(pool.target(1024)).isZero();
            for (int i = 0; i < 5; i++) {
                assertThat(pool.take(1024)).isEmpty();
            }
            assertThat(pool.target(1024)).isEqualTo(3);
            assertThat(pool.idle()).isEmpty();
        }
    }
}
