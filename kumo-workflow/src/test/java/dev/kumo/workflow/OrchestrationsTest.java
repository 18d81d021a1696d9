package dev.kumo.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.core.workflow.RunStatus;
import dev.kumo.core.workflow.WorkflowRun;
import dev.kumo.function.InvocationException;
import dev.kumo.function.Orchestrator;
import dev.kumo.function.Task;
import dev.kumo.runtime.OrchestrationSlice;
import dev.kumo.store.EmbeddedStore;
import dev.kumo.store.StoreOptions;
import dev.kumo.testkit.ManualClock;
import dev.kumo.workflow.internal.WorkflowJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class OrchestrationsTest {

    @TempDir
    Path dir;
    EmbeddedStore store;
    WorkflowRuntime runtime;
    final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    final FakeInvoker fns = new FakeInvoker()
            .with("double", in -> in.get("x").asLong() * 2)
            .with("boom", in -> {
                throw new IllegalStateException("boom");
            });
    final AtomicInteger slices = new AtomicInteger();

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(dir, StoreOptions.defaults());
        runtime = WorkflowRuntime.start(store.workflows(), fns, clock);
    }

    @AfterEach
    void close() {
        runtime.close();
        store.close();
    }

    /** Deploys {@code orchestrator} as function {@code name} of the fake invoker, running slices as a node does. */
    void deploy(String name, Orchestrator<JsonNode, Object> orchestrator) {
        @SuppressWarnings("unchecked")
        var o = (Orchestrator<Object, Object>) (Orchestrator<?, ?>) orchestrator;
        fns.with(name, in -> {
            slices.incrementAndGet();
            return WorkflowJson.MAPPER.readTree(OrchestrationSlice.run(o,
                    WorkflowJson.MAPPER.constructType(JsonNode.class), WorkflowJson.MAPPER.writeValueAsBytes(in),
                    WorkflowJson.MAPPER));
        });
    }

    WorkflowRun start(String name, String input) {
        return runtime.orchestrations().start(name, input.getBytes(StandardCharsets.UTF_8));
    }

    WorkflowRun ended(WorkflowRun run) throws InterruptedException {
        var out = runtime.orchestrations().await(run.id(), Duration.ofSeconds(20)).orElseThrow();
        assertThat(out.status()).as("run ended").isNotEqualTo(RunStatus.RUNNING);
        return out;
    }

    String status(WorkflowRun run) {
        return runtime.view(run.id()).orElseThrow().status();
    }

    @Test
    void replayReturnsJournaledResultsWithoutCallingAgain() throws Exception {
        deploy("orch", (in, ctx) -> {
            long a = ctx.call("double", Map.of("x", in.get("x").asLong()), Long.class);
            long b = ctx.call("double", Map.of("x", a), Long.class);
            var parallel = List.of(ctx.callAsync("double", Map.of("x", 1), Long.class),
                    ctx.callAsync("double", Map.of("x", 2), Long.class));
            return Map.of("b", b, "more", Task.all(parallel));
        });
        var run = ended(start("orch", "{\"x\":3}"));
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(WorkflowJson.MAPPER.readTree(run.output().orElseThrow()))
                .isEqualTo(WorkflowJson.MAPPER.readTree("{\"b\":12,\"more\":[2,4]}"));
        assertThat(fns.calls("double")).as("each call ran once though the code was replayed").isEqualTo(4);
        assertThat(slices.get()).isGreaterThanOrEqualTo(3);
        var view = runtime.view(run.id()).orElseThrow();
        assertThat(view.steps()).hasSize(4);
        assertThat(view.steps().get("1").get("result").asLong()).isEqualTo(12);
        assertThat(view.steps().get("1").get("kind").asString()).isEqualTo("call");
    }

    @Test
    void sleepResumesAfterTheTimer() throws Exception {
        deploy("sleeper", (in, ctx) -> {
            var before = ctx.now();
            ctx.sleep(Duration.ofHours(2));
            return Map.of("slept", Duration.between(before, ctx.now()).toHours());
        });
        var run = start("sleeper", "null");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(run).equals("waiting"));
        clock.advance(Duration.ofMinutes(90));
        assertThat(ended(run.id(), Duration.ofMillis(1500)).status()).isEqualTo(RunStatus.RUNNING);
        clock.advance(Duration.ofMinutes(31));
        var done = ended(run);
        assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(WorkflowJson.MAPPER.readTree(done.output().orElseThrow()).get("slept").asLong()).isEqualTo(2);
    }

    WorkflowRun ended(String id, Duration wait) throws InterruptedException {
        return runtime.orchestrations().await(id, wait).orElseThrow();
    }

    @Test
    void waitForEventResumesOnTheEvent() throws Exception {
        deploy("approval", (in, ctx) -> {
            var decision = ctx.waitForEvent("approval", Map.class);
            return Map.of("approved", decision.get("approved"), "by", decision.get("by"));
        });
        var run = start("approval", "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(run).equals("waiting"));
        runtime.orchestrations().event(run.id(), "other", "1".getBytes(StandardCharsets.UTF_8));
        runtime.orchestrations().event(run.id(), "approval",
                "{\"approved\":true,\"by\":\"ada\"}".getBytes(StandardCharsets.UTF_8));
        var done = ended(run);
        assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(WorkflowJson.MAPPER.readTree(done.output().orElseThrow()))
                .isEqualTo(WorkflowJson.MAPPER.readTree("{\"approved\":true,\"by\":\"ada\"}"));
    }

    @Test
    void eventWaitTimesOut() throws Exception {
        deploy("patient", (in, ctx) -> Map.of("got",
                ctx.waitForEvent("never", String.class, Duration.ofMinutes(5)).orElse("timeout")));
        var run = start("patient", "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(run).equals("waiting"));
        clock.advance(Duration.ofMinutes(6));
        var done = ended(run);
        assertThat(done.output()).contains("{\"got\":\"timeout\"}");
    }

    @Test
    void nonDeterminismFailsTheRun() throws Exception {
        var first = new AtomicReference<>(true);
        deploy("fickle", (in, ctx) -> {
            var fn = first.getAndSet(false) ? "double" : "other";
            ctx.call(fn, Map.of("x", 1), Long.class);
            return "done";
        });
        var done = ended(start("fickle", "{}"));
        assertThat(done.status()).isEqualTo(RunStatus.FAILED);
        var error = WorkflowJson.MAPPER.readTree(done.error().orElseThrow());
        assertThat(error.get("type").asString()).isEqualTo("NonDeterminism");
        assertThat(error.get("message").asString()).contains("call 'double'").contains("call 'other'");
    }

    @Test
    void aFailedCallPropagatesAndCanBeCaught() throws Exception {
        deploy("careful", (in, ctx) -> {
            try {
                ctx.call("boom", Map.of(), String.class);
                return "no";
            } catch (InvocationException e) {
                return "caught " + e.errorType();
            }
        });
        assertThat(ended(start("careful", "{}")).output()).contains("\"caught java.lang.IllegalStateException\"");
        deploy("careless", (in, ctx) -> ctx.call("boom", Map.of(), String.class));
        var failed = ended(start("careless", "{}"));
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.error().orElseThrow()).contains("boom");
    }

    @Test
    void unfinishedRunsResumeAtStartWithoutRepeatingCompletedCalls() throws Exception {
        deploy("twostep", (in, ctx) -> {
            long a = ctx.call("double", Map.of("x", 5), Long.class);
            var e = ctx.waitForEvent("go", Long.class);
            return ctx.call("double", Map.of("x", a + e), Long.class);
        });
        var run = start("twostep", "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(run).equals("waiting"));
        runtime.close();
        runtime = WorkflowRuntime.start(store.workflows(), fns, clock);
        runtime.orchestrations().event(run.id(), "go", "1".getBytes(StandardCharsets.UTF_8));
        var done = ended(run);
        assertThat(done.output()).contains("22");
        assertThat(fns.calls("double")).isEqualTo(2);
    }
}
