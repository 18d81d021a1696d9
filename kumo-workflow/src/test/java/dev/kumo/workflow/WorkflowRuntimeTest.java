package dev.kumo.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.InvocationResult;
import dev.kumo.core.NotFoundException;
import dev.kumo.core.workflow.RunStatus;
import dev.kumo.core.workflow.WorkflowRun;
import dev.kumo.store.EmbeddedStore;
import dev.kumo.store.StoreOptions;
import dev.kumo.workflow.internal.WorkflowJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class WorkflowRuntimeTest {

    @TempDir
    Path dir;
    EmbeddedStore store;
    WorkflowRuntime runtime;
    final FakeInvoker fns = new FakeInvoker()
            .with("range", in -> IntStream.range(0, in.get("n").asInt()).boxed().toList())
            .with("square", in -> in.get("x").asLong() * in.get("x").asLong())
            .with("sum", in -> {
                long s = 0;
                for (var v : in) {
                    s += v.asLong();
                }
                return java.util.Map.of("sum", s);
            })
            .with("echo", in -> in);

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(dir, StoreOptions.defaults());
        runtime = WorkflowRuntime.start(store.workflows(), fns, InstantSource.system());
    }

    @AfterEach
    void close() {
        runtime.close();
        store.close();
    }

    WorkflowRun run(String name, String input) throws InterruptedException {
        var started = runtime.run(name, input.getBytes(StandardCharsets.UTF_8));
        var run = runtime.await(started.id(), Duration.ofSeconds(20)).orElseThrow();
        assertThat(run.status()).as("run ended").isNotEqualTo(RunStatus.RUNNING);
        return run;
    }

    static JsonNode json(String text) {
        return WorkflowJson.MAPPER.readTree(text);
    }

    @Test
    void mapGathersResultsInOrder() throws Exception {
        fns.with("square", in -> {
            long x = in.get("x").asLong();
            try {
                Thread.sleep((7 - x % 7) * 3); // later elements tend to end first
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return x * x;
        });
        runtime.put("sq", """
                {"startAt":"range","steps":{
                  "range":{"type":"task","function":"range","next":"fan"},
                  "fan":{"type":"map","itemsPath":"$","function":"square","itemField":"x","maxConcurrency":4,"end":true}}}""");
        var run = run("sq", "{\"n\":30}");
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(json(run.output().orElseThrow())).isEqualTo(json(IntStream.range(0, 30).map(i -> i * i)
                .boxed().toList().toString()));
        var view = runtime.view(run.id()).orElseThrow();
        assertThat(view.steps().get("fan").get("status").asString()).isEqualTo("succeeded");
        assertThat(view.steps().get("fan").get("items").asInt()).isEqualTo(30);
        assertThat(view.steps().get("range").get("activationIds")).hasSize(1);
    }

    @Test
    void memoizedStepsReuseStoredResultsForTheSameInput() throws Exception {
        runtime.put("memo", """
                {"startAt":"range","steps":{
                  "range":{"type":"task","function":"range","memoize":true,"next":"fan"},
                  "fan":{"type":"map","itemsPath":"$","function":"square","itemField":"x","memoize":true,
                         "end":true}}}""");
        assertThat(json(run("memo", "{\"n\":5}").output().orElseThrow()).toString()).isEqualTo("[0,1,4,9,16]");
        assertThat(fns.calls("range")).isEqualTo(1);
        assertThat(fns.calls("square")).isEqualTo(5);

        var again = run("memo", "{\"n\":5}");
        assertThat(json(again.output().orElseThrow()).toString()).isEqualTo("[0,1,4,9,16]");
        assertThat(fns.calls("range")).as("nothing is invoked the second time").isEqualTo(1);
        assertThat(fns.calls("square")).isEqualTo(5);
        var view = runtime.view(again.id()).orElseThrow();
        assertThat(view.steps().get("range").get("memoized").asBoolean()).isTrue();

        assertThat(json(run("memo", "{\"n\":6}").output().orElseThrow()).toString()).isEqualTo("[0,1,4,9,16,25]");
        assertThat(fns.calls("range")).as("a changed input invokes again").isEqualTo(2);
        assertThat(fns.calls("square")).as("only the new element is invoked").isEqualTo(6);
    }

    @Test
    void fanoutSumAddsSquares() throws Exception {
        runtime.put("fanout-sum", WorkflowJsonTest.FANOUT.replace("\"$.items\"", "\"$\""));
        assertThat(json(run("fanout-sum", "{\"n\":100}").output().orElseThrow()).get("sum").asLong())
                .isEqualTo(328350);
        assertThat(fns.calls("square")).isEqualTo(100);
    }

    @Test
    void mapWindowBoundsConcurrency() throws Exception {
        var running = new AtomicInteger();
        var most = new AtomicInteger();
        fns.with("slow", in -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            running.decrementAndGet();
            return in;
        });
        runtime.put("w", "{\"startAt\":\"m\",\"steps\":{\"m\":{\"type\":\"map\",\"itemsPath\":\"$.items\","
                + "\"function\":\"slow\",\"maxConcurrency\":3,\"end\":true}}}");
        var run = run("w", "{\"items\":" + IntStream.range(0, 40).boxed().toList() + "}");
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(most.get()).isBetween(1, 3);
    }

    @Test
    void parallelFansIn() throws Exception {
        runtime.put("p", """
                {"startAt":"p","steps":{
                  "p":{"type":"parallel","next":"last","branches":[
                    {"startAt":"a","steps":{"a":{"type":"task","function":"square","inputPath":"$.one","end":true}}},
                    {"startAt":"b","steps":{"b":{"type":"task","function":"echo","inputPath":"$.two","next":"c"},
                                            "c":{"type":"task","function":"square","end":true}}},
                    {"startAt":"d","steps":{"d":{"type":"map","itemsPath":"$.list","function":"echo","end":true}}}]},
                  "last":{"type":"task","function":"echo","end":true}}}""");
        var run = run("p", "{\"one\":{\"x\":3},\"two\":{\"x\":4},\"list\":[\"a\",\"b\"]}");
        assertThat(run.status()).as(run.error().orElse("")).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(json(run.output().orElseThrow())).isEqualTo(json("[9,16,[\"a\",\"b\"]]"));
        var steps = runtime.view(run.id()).orElseThrow().steps();
        assertThat(steps.keySet()).contains("p", "p/0/a", "p/1/b", "p/1/c", "p/2/d", "last");
    }

    @Test
    void choicePicksTheFirstMatchingRuleElseTheDefault() throws Exception {
        fns.with("big", in -> "big").with("small", in -> "small");
        runtime.put("c", """
                {"startAt":"c","steps":{
                  "c":{"type":"choice","choices":[{"path":"$.n","op":"gt","value":10,"next":"big"},
                                                  {"path":"$.kind","op":"eq","value":"huge","next":"big"}],
                       "default":"small"},
                  "big":{"type":"task","function":"big","end":true},
                  "small":{"type":"task","function":"small","end":true}}}""");
        assertThat(run("c", "{\"n\":11}").output()).contains("\"big\"");
        assertThat(run("c", "{\"n\":10}").output()).contains("\"small\"");
        assertThat(run("c", "{\"n\":1,\"kind\":\"huge\"}").output()).contains("\"big\"");
        runtime.put("strict", "{\"startAt\":\"c\",\"steps\":{\"c\":{\"type\":\"choice\",\"choices\":[{\"path\":"
                + "\"$.n\",\"op\":\"le\",\"value\":0,\"next\":\"z\"}]},\"z\":{\"type\":\"task\",\"function\":\"echo\","
                + "\"end\":true}}}");
        var failed = run("strict", "{\"n\":1}");
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(json(failed.error().orElseThrow()).get("type").asString()).isEqualTo("NoChoiceMatched");
    }

    @Test
    void retriesThenSucceeds() throws Exception {
        var tries = new AtomicInteger();
        fns.with("flaky", in -> {
            if (tries.incrementAndGet() < 3) {
                throw new IllegalStateException("try " + tries.get());
            }
            return "ok";
        });
        runtime.put("r", "{\"startAt\":\"f\",\"steps\":{\"f\":{\"type\":\"task\",\"function\":\"flaky\","
                + "\"retry\":{\"maxAttempts\":3,\"backoffMs\":1},\"end\":true}}}");
        var run = run("r", "null");
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        var step = runtime.view(run.id()).orElseThrow().steps().get("f");
        assertThat(step.get("attempts").asInt()).isEqualTo(3);
        assertThat(step.get("activationIds")).hasSize(3);
    }

    @Test
    void aBranchThatFailsAfterItsRetriesFailsTheRun() throws Exception {
        fns.with("boom", in -> {
            throw new IllegalArgumentException("boom " + in);
        });
        runtime.put("f", """
                {"startAt":"p","steps":{"p":{"type":"parallel","end":true,"branches":[
                  {"startAt":"ok","steps":{"ok":{"type":"task","function":"echo","end":true}}},
                  {"startAt":"bad","steps":{"bad":{"type":"task","function":"boom",
                     "retry":{"maxAttempts":2,"backoffMs":1},"end":true}}}]}}}""");
        var run = run("f", "1");
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        var error = json(run.error().orElseThrow());
        assertThat(error.get("step").asString()).isEqualTo("p/1/bad");
        assertThat(error.get("type").asString()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(fns.calls("boom")).isEqualTo(2);
        var steps = runtime.view(run.id()).orElseThrow().steps();
        assertThat(steps.get("p/1/bad").get("status").asString()).isEqualTo("failed");
    }

    @Test
    void aFailingMapElementFailsTheRun() throws Exception {
        fns.with("odd", in -> {
            if (in.asInt() == 5) {
                throw new IllegalStateException("five");
            }
            return in;
        });
        runtime.put("m", "{\"startAt\":\"m\",\"steps\":{\"m\":{\"type\":\"map\",\"itemsPath\":\"$\","
                + "\"function\":\"odd\",\"end\":true}}}");
        var run = run("m", "[1,2,3,4,5,6]");
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(json(run.error().orElseThrow()).get("step").asString()).isEqualTo("m[4]");
    }

    @Test
    void timeoutCapsTheDeadlineOfEachTry() throws Exception {
        fns.with("slow", in -> new InvocationResult.TimedOut(fns.requests.getLast().id(), "$LATEST",
                Duration.ofMillis(50)));
        runtime.put("t", "{\"startAt\":\"s\",\"steps\":{\"s\":{\"type\":\"task\",\"function\":\"slow\","
                + "\"timeoutMs\":50,\"end\":true}}}");
        var run = run("t", "null");
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(json(run.error().orElseThrow()).get("type").asString()).isEqualTo("Timeout");
        var request = fns.requests.getLast();
        assertThat(request.deadlineCap()).contains(request.received().plusMillis(50));
    }

    @Test
    void largeResultsArePassedByReference() throws Exception {
        var big = "x".repeat(100_000);
        fns.with("big", in -> big);
        runtime.put("b", "{\"startAt\":\"b\",\"steps\":{\"b\":{\"type\":\"task\",\"function\":\"big\",\"next\":\"e\"},"
                + "\"e\":{\"type\":\"task\",\"function\":\"echo\",\"end\":true}}}");
        var run = run("b", "null");
        assertThat(run.output()).contains("\"" + big + "\"");
        var stored = store.workflows().steps(run.id()).get("b");
        assertThat(stored).contains("\"output\":\"@").hasSizeLessThan(1_000);
        assertThat(store.workflows().blob(run.id() + ":b")).isPresent();
    }

    @Test
    void putChecksThatFunctionsExist() {
        assertThatThrownBy(() -> runtime.put("x", "{\"startAt\":\"a\",\"steps\":{\"a\":{\"type\":\"task\","
                + "\"function\":\"missing\",\"end\":true}}}")).isInstanceOf(NotFoundException.class);
        assertThat(runtime.put("x", WorkflowJsonTest.FANOUT).created()).isTrue();
        assertThat(runtime.put("x", WorkflowJsonTest.FANOUT).created()).isFalse();
        assertThatThrownBy(() -> runtime.run("nope", new byte[0])).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aResumedRunSkipsCompletedStepsAndElements() throws Exception {
        var def = Workflow.parse(WorkflowJsonTest.FANOUT.replace("\"$.items\"", "\"$\"")).toJson();
        var wf = store.workflows();
        // As a node killed in the middle of the map left it: range done, 6 of 10 elements arrived.
        wf.createRun(WorkflowRun.start("r1", "fanout-sum", def, "{\"n\":10}", java.time.Instant.now()));
        wf.putStep("r1", "range", "{\"status\":\"succeeded\",\"attempts\":1,\"startedAt\":\"2026-01-01T00:00:00Z\","
                + "\"output\":\"[0,1,2,3,4,5,6,7,8,9]\"}");
        wf.openJoin("r1", "fan", 10);
        var arrived = new ArrayList<Integer>(List.of(0, 2, 3, 5, 8, 9));
        Collections.shuffle(arrived);
        for (int i : arrived) {
            wf.joinArrived("r1", "fan", i, Integer.toString(i * i));
        }
        runtime.close();
        runtime = WorkflowRuntime.start(store.workflows(), fns, InstantSource.system());
        var run = runtime.await("r1", Duration.ofSeconds(20)).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(json(run.output().orElseThrow()).get("sum").asLong()).isEqualTo(285);
        assertThat(fns.calls("range")).as("a stored step does not run again").isZero();
        assertThat(fns.requests.stream().filter(r -> r.function().equals("square"))
                .map(r -> json(new String(r.payload(), StandardCharsets.UTF_8)).get("x").asInt()))
                .as("only the elements that had not arrived").containsExactlyInAnyOrder(1, 4, 6, 7);
    }

    @Test
    void aJoinCompletedJustBeforeACrashGoesOnWithoutRerunningAnything() throws Exception {
        var def = Workflow.parse(WorkflowJsonTest.FANOUT.replace("\"$.items\"", "\"$\"")).toJson();
        var wf = store.workflows();
        wf.createRun(WorkflowRun.start("r2", "fanout-sum", def, "{\"n\":3}", java.time.Instant.now()));
        wf.putStep("r2", "range", "{\"status\":\"succeeded\",\"attempts\":1,\"startedAt\":\"2026-01-01T00:00:00Z\","
                + "\"output\":\"[0,1,2]\"}");
        wf.openJoin("r2", "fan", 3);
        for (int i = 0; i < 3; i++) {
            wf.joinArrived("r2", "fan", i, Integer.toString(i * i));
        }
        runtime.close();
        runtime = WorkflowRuntime.start(store.workflows(), fns, InstantSource.system());
        var run = runtime.await("r2", Duration.ofSeconds(20)).orElseThrow();
        assertThat(json(run.output().orElseThrow()).get("sum").asLong()).isEqualTo(5);
        assertThat(fns.calls("square") + fns.calls("range")).isZero();
        assertThat(fns.calls("sum")).isEqualTo(1);
    }
}
