package dev.kumo.runtime;

import static dev.kumo.runtime.Fixture.cold;
import static dev.kumo.runtime.Fixture.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.InvocationResult;
import dev.kumo.core.Tier;
import dev.kumo.runtime.fn.Hello;
import dev.kumo.runtime.fn.SelfInterrupter;
import dev.kumo.runtime.fn.Spinner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Handlers run on the caller's thread: deadlines must still be met and must leave that thread clean. */
class DispatcherTimeoutTest {

    @TempDir
    Path dir;

    private Fixture fx;

    @BeforeEach
    void setUp() {
        fx = new Fixture(dir);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void aSpinningFunctionIsAnsweredAtItsDeadlineRecordedOnceAndItsInstanceNeverReused() throws Exception {
        fx.deploy("spin", Spinner.class, Tier.ISOLATED, 1, 4, 200);
        assertThat(output(fx.invoke("spin", "0"))).isEqualTo("\"spun\"");
        var early = new CompletableFuture<InvocationResult>();

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var spinning = threads.submit(() -> fx.invoke("spin", "3000", early::complete));

            // The function spins for 3 s and never looks at its interrupt flag; the answer must not wait for it.
            var answer = early.get(2, TimeUnit.SECONDS);
            assertThat(answer).isInstanceOfSatisfying(InvocationResult.TimedOut.class,
                    t -> assertThat(t.timeout()).isEqualTo(Duration.ofMillis(200)));
            var id = ((InvocationResult.TimedOut) answer).activationId();
            await().atMost(Duration.ofSeconds(2)).until(() -> fx.store.activations().get(id).isPresent());
            Activation recorded = fx.store.activations().get(id).orElseThrow();
            assertThat(recorded.status()).isEqualTo(ActivationStatus.TIMEOUT);
            assertThat(recorded.error()).hasValueSatisfying(e -> assertThat(e.errorType()).isEqualTo("Timeout"));
            assertThat(spinning.isDone()).as("the function still spins").isFalse();

            assertThat(cold(fx.invoke("spin", "0"))).as("the spinning instance is never reused").isTrue();
            assertThat(spinning.get()).isEqualTo(answer);
        }
        assertThat(fx.store.recorded()).filteredOn(a -> a.status() == ActivationStatus.TIMEOUT).hasSize(1);
        await().until(() -> fx.dispatcher.snapshot().equals(new PoolSnapshot(1, 0, 128, 4096)));
    }

    @Test
    void aReturnDisarmsTheDeadlineSoTheCallerIsNotInterruptedLater() throws Exception {
        fx.deploy("hello", Hello.class, Tier.ISOLATED, 1, 4, 50);

        var outcome = CompletableFuture.supplyAsync(() -> {
            var results = new StringBuilder();
            for (int i = 0; i < 2; i++) {
                results.append(output(fx.invoke("hello", "{}"))).append(Thread.currentThread().isInterrupted());
            }
            try {
                // Blocks well past the 50 ms deadlines; a watchdog left armed would interrupt it.
                results.append(new SynchronousQueue<String>().poll(300, TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                results.append("interrupted");
            }
            return results.toString();
        }, Executors.newVirtualThreadPerTaskExecutor());

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo("\"hello\"false\"hello\"falsenull");
    }

    @Test
    void anInterruptTheFunctionLeavesOnItsThreadIsCleared() throws Exception {
        fx.deploy("self", SelfInterrupter.class);

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var interrupted = threads.submit(() -> {
                fx.invoke("self", "{}");
                return Thread.currentThread().isInterrupted();
            });

            assertThat(interrupted.get()).isFalse();
        }
        assertThat(fx.last().status()).isEqualTo(ActivationStatus.SUCCESS);
    }
}
