package dev.kumo.store;

import static dev.kumo.store.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.core.workflow.RunStatus;
import dev.kumo.core.workflow.WorkflowDefinition;
import dev.kumo.core.workflow.WorkflowRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowStoreTest {

    @TempDir
    Path dir;
    EmbeddedStore store;

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(dir, TestData.options());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void joinCounterIsAtomicUnderConcurrentArrivals() throws Exception {
        var wf = store.workflows();
        wf.createRun(WorkflowRun.start("r1", "w", "{}", "null", T0));
        int n = 200;
        assertThat(wf.openJoin("r1", "fan", n).remaining()).isEqualTo(n);
        var zeros = Collections.synchronizedList(new ArrayList<Integer>());
        var seen = Collections.synchronizedList(new ArrayList<Integer>());
        var go = new CountDownLatch(1);
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < n; i++) {
            int index = i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                int left = wf.joinArrived("r1", "fan", index, Integer.toString(index * index));
                seen.add(left);
                if (left == 0) {
                    zeros.add(index);
                }
            }));
        }
        go.countDown();
        for (var t : threads) {
            t.join();
        }
        assertThat(zeros).as("exactly one arrival brings the count to zero").hasSize(1);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, n).boxed().toList());
        var join = wf.join("r1", "fan").orElseThrow();
        assertThat(join.remaining()).isZero();
        assertThat(join.results().values()).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, n).mapToObj(i -> Integer.toString(i * i)).toList());
        assertThat(wf.joinArrived("r1", "fan", 3, "9")).as("a second arrival of one index").isEqualTo(-1);
    }

    @Test
    void runStateSurvivesACrash() {
        var wf = store.workflows();
        wf.definitions().put(new WorkflowDefinition("w", "{\"startAt\":\"a\"}", T0, T0));
        wf.createRun(WorkflowRun.start("r1", "w", "{\"startAt\":\"a\"}", "{\"n\":3}", T0));
        wf.createRun(WorkflowRun.start("r2", "w", "{}", "1", T0.plusSeconds(1)));
        wf.putStep("r1", "a", "{\"status\":\"succeeded\"}");
        wf.openJoin("r1", "fan", 3);
        wf.joinArrived("r1", "fan", 1, "1");
        wf.putBlob("b1", "big".getBytes(StandardCharsets.UTF_8));
        assertThat(wf.finishRun("r2", RunStatus.SUCCEEDED, "42", T0.plusSeconds(2))).isTrue();
        assertThat(wf.finishRun("r2", RunStatus.FAILED, "{}", T0.plusSeconds(3))).as("ended once").isFalse();

        store.crash();
        open();

        var again = store.workflows();
        assertThat(again.definitions().get("w")).isPresent();
        assertThat(again.unfinished()).extracting(WorkflowRun::id).containsExactly("r1");
        assertThat(again.run("r1").orElseThrow().input()).isEqualTo("{\"n\":3}");
        var r2 = again.run("r2").orElseThrow();
        assertThat(r2.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(r2.output()).contains("42");
        assertThat(r2.ended()).contains(T0.plusSeconds(2));
        assertThat(again.steps("r1")).containsEntry("a", "{\"status\":\"succeeded\"}").hasSize(1);
        var join = again.openJoin("r1", "fan", 3);
        assertThat(join.remaining()).as("reopening keeps the count").isEqualTo(2);
        assertThat(join.results()).containsOnlyKeys(1);
        assertThat(again.blob("b1")).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8))
                .isEqualTo("big"));
        assertThat(again.runs("w", 10)).extracting(WorkflowRun::id).containsExactly("r2", "r1");
    }

    @Test
    void stepsOfOneRunStayApartFromAnother() {
        var wf = store.workflows();
        wf.putStep("r1", "a", "1");
        wf.putStep("r10", "a", "2");
        assertThat(wf.steps("r1")).isEqualTo(java.util.Map.of("a", "1"));
        assertThat(List.copyOf(wf.steps("r10").values())).containsExactly("2");
    }

    @Test
    void putStepsStoresSeveralStepsTogetherInKeyOrderAndSurvivesACrash() {
        var wf = store.workflows();
        wf.putStep("r1", "000000", "a");
        var batch = new java.util.LinkedHashMap<String, String>();
        batch.put("000002", "c");
        batch.put("000001", "b");
        batch.put("event/go/1", "e");
        wf.putSteps("r1", batch);
        store.crash();
        open();
        assertThat(List.copyOf(store.workflows().steps("r1").keySet()))
                .containsExactly("000000", "000001", "000002", "event/go/1");
        assertThat(store.workflows().steps("r1")).containsEntry("000002", "c");
    }
}
