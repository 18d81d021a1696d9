package dev.kumo.runtime;

import static dev.kumo.runtime.Fixture.cold;
import static dev.kumo.runtime.Fixture.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.InvocationResult;
import dev.kumo.core.RejectReason;
import dev.kumo.core.Tier;
import dev.kumo.runtime.fn.Gate;
import dev.kumo.runtime.fn.Hello;
import dev.kumo.runtime.fn.Rendezvous;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DispatcherConcurrencyTest {

    @TempDir
    Path dir;

    private Fixture fx;

    @AfterEach
    void tearDown() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void aSharedInstanceServesConcurrencyInvocationsAtOnce() throws Exception {
        fx = new Fixture(dir);
        fx.deploy("meet", Rendezvous.class, Tier.SHARED, 4, 4, 20_000);

        var results = invokeConcurrently(4, i -> fx.invoke("meet", "{\"marker\":\"m" + i + "\",\"parties\":4,\"lines\":0}"));

        assertThat(results).extracting(Fixture::output).doesNotContain("\"alone\"").containsOnly(output(results.get(0)));
        assertThat(results).filteredOn(Fixture::cold).hasSize(1);
        assertThat(fx.dispatcher.snapshot().idleInstances()).isEqualTo(1);
    }

    @Test
    void isolatedInstancesServeOneInvocationEach() throws Exception {
        fx = new Fixture(dir);
        fx.deploy("gate", Gate.class, Tier.ISOLATED, 1, 3, 20_000);
        String gate = fx.gate(false);

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var running = new ArrayList<Future<InvocationResult>>();
            for (int i = 0; i < 3; i++) {
                running.add(threads.submit(() -> fx.invoke("gate", gate)));
            }
            await().until(() -> fx.dispatcher.snapshot().busyInstances() == 3);

            var fourth = fx.invoke("gate", gate);
            assertThat(fourth).isInstanceOfSatisfying(InvocationResult.Rejected.class, r -> {
                assertThat(r.reason()).isEqualTo(RejectReason.FUNCTION_CONCURRENCY);
                assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(1));
            });
            assertThat(fx.last().status()).isEqualTo(ActivationStatus.REJECTED);

            fx.open(gate);
            for (var f : running) {
                assertThat(output(f.get())).isEqualTo("\"opened\"");
                assertThat(cold(f.get())).isTrue();
            }
        }
        assertThat(fx.dispatcher.snapshot().idleInstances()).isEqualTo(3);
    }

    @Test
    void timesOutPromptlyAndKeepsAnInstanceThatStopsWhenInterrupted() {
        fx = new Fixture(dir);
        fx.deploy("gate", Gate.class, Tier.ISOLATED, 1, 4, 200);
        String gate = fx.gate(false);

        var result = fx.invoke("gate", gate);

        assertThat(result).isInstanceOfSatisfying(InvocationResult.TimedOut.class,
                t -> assertThat(t.timeout()).isEqualTo(Duration.ofMillis(200)));
        Activation activation = fx.last();
        assertThat(activation.status()).isEqualTo(ActivationStatus.TIMEOUT);
        assertThat(activation.logs()).containsExactly("waiting at " + gate.replace("\"", ""));
        assertThat(activation.error()).hasValueSatisfying(e -> assertThat(e.errorType()).isEqualTo("Timeout"));
        await().until(() -> fx.dispatcher.snapshot().idleInstances() == 1);

        fx.open(gate);
        assertThat(cold(fx.invoke("gate", gate))).isFalse();
    }

    @Test
    void discardsTheInstanceOfAFunctionThatIgnoresInterrupts() throws Exception {
        fx = new Fixture(dir);
        fx.deploy("gate", Gate.class, Tier.ISOLATED, 1, 4, 200);
        String stubborn = fx.gate(true);
        String open = fx.gate(false);
        fx.open(open);
        var early = new CompletableFuture<InvocationResult>();

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var stuck = threads.submit(() -> fx.invoke("gate", stubborn, early::complete));

            assertThat(early.get(10, TimeUnit.SECONDS)).isInstanceOf(InvocationResult.TimedOut.class);
            // recorded from the watchdog side at deadline + grace, while the function still blocks
            await().until(() -> fx.store.recorded().size() == 1);
            assertThat(fx.last().status()).isEqualTo(ActivationStatus.TIMEOUT);
            assertThat(fx.last().logs()).containsExactly("waiting at " + stubborn.replace("\"", ""));
            assertThat(fx.dispatcher.snapshot()).isEqualTo(new PoolSnapshot(0, 1, 128, 4096));
            assertThat(cold(fx.invoke("gate", open))).as("the stuck instance is never reused").isTrue();
            assertThat(fx.dispatcher.snapshot()).isEqualTo(new PoolSnapshot(1, 1, 256, 4096));

            fx.open(stubborn);
            assertThat(stuck.get()).as("the caller returns the answer given early").isEqualTo(early.get());
        }
        await().until(() -> fx.dispatcher.snapshot().equals(new PoolSnapshot(1, 0, 128, 4096)));
        assertThat(fx.store.recorded()).extracting(Activation::status)
                .as("the late return records nothing more")
                .containsExactly(ActivationStatus.TIMEOUT, ActivationStatus.SUCCESS);
    }

    @Test
    void attributesEachLineToItsOwnActivationUnderConcurrency() throws Exception {
        fx = new Fixture(dir);
        fx.deploy("meet", Rendezvous.class, Tier.SHARED, 16, 1, 20_000);
        int lines = 20;

        var results = invokeConcurrently(16,
                i -> fx.invoke("meet", "{\"marker\":\"m" + i + "\",\"parties\":16,\"lines\":" + lines + "}"));

        assertThat(results).extracting(Fixture::output).doesNotContain("\"alone\"");
        List<Activation> activations = fx.store.recorded();
        assertThat(activations).hasSize(16);
        for (Activation a : activations) {
            String marker = a.logs().stream().filter(l -> l.endsWith(" out 0")).findFirst().orElseThrow().split(" ")[0];
            assertThat(a.logs()).hasSize(3 * lines).allSatisfy(line -> assertThat(line).matches(
                    "(WARN )?" + marker + " (out|err|log) \\d+"));
        }
        assertThat(activations).extracting(a -> a.logs().getFirst()).doesNotHaveDuplicates();
    }

    @Test
    void rejectsAtTheNodeLimitAndRecordsIt() {
        fx = new Fixture(dir, RuntimeConfig.defaults().withMaxInFlight(1));
        fx.deploy("gate", Gate.class, Tier.ISOLATED, 1, 4, 20_000);
        fx.deploy("hello", Hello.class);
        String gate = fx.gate(false);

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var running = threads.submit(() -> fx.invoke("gate", gate));
            await().until(() -> fx.dispatcher.snapshot().busyInstances() == 1);

            assertThat(fx.invoke("hello", "{}")).isInstanceOfSatisfying(InvocationResult.Rejected.class,
                    r -> assertThat(r.reason()).isEqualTo(RejectReason.NODE_CONCURRENCY));
            assertThat(fx.last().function()).isEqualTo("hello");
            assertThat(fx.last().status()).isEqualTo(ActivationStatus.REJECTED);
            fx.open(gate);
            assertThat(output(running.get())).isEqualTo("\"opened\"");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(fx.meters.get("kumo.rejections").tags("reason", "node_concurrency").counter().count()).isEqualTo(1);
    }

    @Test
    void rejectsWhenBusyInstancesHoldTheMemoryBudget() throws Exception {
        fx = new Fixture(dir, RuntimeConfig.defaults().withMemoryBudgetMb(128));
        fx.deploy("gate", Gate.class, Tier.ISOLATED, 1, 4, 20_000);
        fx.deploy("hello", Hello.class);
        String gate = fx.gate(false);

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var running = threads.submit(() -> fx.invoke("gate", gate));
            await().until(() -> fx.dispatcher.snapshot().busyInstances() == 1);

            assertThat(fx.invoke("hello", "{}")).isInstanceOfSatisfying(InvocationResult.Rejected.class,
                    r -> assertThat(r.reason()).isEqualTo(RejectReason.MEMORY));
            assertThat(fx.last().status()).isEqualTo(ActivationStatus.REJECTED);
            fx.open(gate);
            running.get();
        }
        assertThat(cold(fx.invoke("hello", "{}"))).as("the idle gate instance is evicted for it").isTrue();
        assertThat(fx.dispatcher.snapshot()).isEqualTo(new PoolSnapshot(1, 0, 128, 128));
    }

    private static List<InvocationResult> invokeConcurrently(int n, java.util.function.IntFunction<InvocationResult> call)
            throws Exception {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<InvocationResult>>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(threads.submit(() -> call.apply(index)));
            }
            var results = new ArrayList<InvocationResult>();
            for (var f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }
}
