package dev.kumo.async;

import static dev.kumo.async.testing.FakeTarget.echo;
import static dev.kumo.async.testing.FakeTarget.failing;
import static dev.kumo.async.testing.FakeTarget.waitingFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.async.testing.MemoryQueue;
import dev.kumo.async.testing.MemoryStore;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.AsyncConfig;
import dev.kumo.core.LimitExceededException;
import dev.kumo.core.event.Enqueued;
import dev.kumo.core.event.QueuedInvocation;
import dev.kumo.core.event.Rule;
import dev.kumo.core.event.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The node-wide budget of queued payload bytes ({@code maxQueuedBytes}), here 1 MiB. */
class QueuedBytesTest {

    private static final long MIB = 1024 * 1024;
    private static final String QUEUED_BYTES = "kumo.async.queued.bytes";

    private Fixture fx = new Fixture(new MemoryStore(), 100, MIB);

    @AfterEach
    void tearDown() {
        fx.close();
    }

    /** A JSON string of exactly {@code kib} KiB. */
    private static String kib(int kib) {
        return "\"" + "x".repeat(kib * 1024 - 2) + "\"";
    }

    private double queuedBytes() {
        return fx.gauge(QUEUED_BYTES);
    }

    private void awaitNothingQueued() {
        Fixture.quickly().until(() -> queuedBytes() == 0);
    }

    @Test
    void aSubmissionPastTheBudgetIsRefusedStoringNothingUntilBytesAreGivenBack() {
        var gate = new CountDownLatch(1);
        fx.target.deploy("jam", 1, AsyncConfig.DEFAULTS, waitingFor(gate));
        fx.target.deploy("other", echo());
        fx.start();
        for (int i = 0; i < 3; i++) {
            fx.invoke("jam", kib(300));
        }
        assertThat(queuedBytes()).isEqualTo(900 * 1024);
        var key = Optional.of("order-7");

        assertThatThrownBy(() -> fx.runtime.invoke(Fixture.request("other", kib(300), key, Optional.empty())))
                .as("the budget spans functions")
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(e).hasMessage("the node's async queue holds 900 KiB of payloads, at most 1 MiB;"
                            + " this submission needs 300 KiB");
                });
        assertThat(fx.store.queue().pending()).hasSize(3).allMatch(i -> i.function().equals("jam"));
        assertThat(fx.runtime.stats("other")).isEqualTo(new QueueStats(0, 0));
        assertThat(queuedBytes()).isEqualTo(900 * 1024);
        assertThat(fx.invoke("other", "{}")).as("what fits is accepted").isInstanceOf(Enqueued.Accepted.class);

        gate.countDown();
        awaitNothingQueued();

        var again = fx.runtime.invoke(Fixture.request("other", kib(300), key, Optional.empty()));
        assertThat(again).as("the refused key was not recorded").isInstanceOf(Enqueued.Accepted.class);
        fx.awaitStatus(again.id(), ActivationStatus.SUCCESS);
        awaitNothingQueued();
    }

    @Test
    void aDeadLetterGivesItsBytesBackAndItsRedriveIsBounded() {
        var gate = new CountDownLatch(1);
        fx.target.deploy("poison", 4, new AsyncConfig(0, 3600, Optional.empty(), Optional.empty()), failing());
        fx.target.deploy("jam", 1, AsyncConfig.DEFAULTS, waitingFor(gate));
        fx.start();
        ActivationId dead = fx.invoke("poison", kib(600)).id();
        fx.awaitStatus(dead, ActivationStatus.DEAD_LETTERED);
        awaitNothingQueued();

        ActivationId held = fx.invoke("jam", kib(600)).id();

        assertThatThrownBy(() -> fx.runtime.redrive("poison", dead)).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("holds 600 KiB");
        assertThat(fx.runtime.deadLetter("poison", dead).invocation().id()).isEqualTo(dead);
        assertThat(fx.store.queue().pending()).extracting(QueuedInvocation::id).containsExactly(held);
        assertThat(queuedBytes()).isEqualTo(600 * 1024);

        gate.countDown();
        fx.awaitStatus(held, ActivationStatus.SUCCESS);
        awaitNothingQueued();

        ActivationId again = fx.runtime.redrive("poison", dead);
        fx.awaitStatus(again, ActivationStatus.DEAD_LETTERED);
        awaitNothingQueued();
    }

    @Test
    void anEventCountsOncePerDeliveryAllOrNothing() {
        fx.target.deploy("mail", echo());
        fx.target.deploy("ledger", echo());
        fx.start();
        fx.runtime.putTrigger(new Trigger("orders", "", Fixture.T0));
        fx.runtime.putRule(new Rule("to-mail", "orders", "mail", "$LATEST", true, Fixture.T0));
        fx.runtime.putRule(new Rule("to-ledger", "orders", "ledger", "$LATEST", true, Fixture.T0));
        byte[] event = kib(600).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> fx.runtime.publish("orders", event)).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("holds 0 bytes").hasMessageContaining("needs 1.2 MiB");
        assertThat(fx.store.queue().pending()).isEmpty();
        assertThat(fx.runtime.stats("mail")).isEqualTo(new QueueStats(0, 0));
        assertThat(fx.runtime.stats("ledger")).isEqualTo(new QueueStats(0, 0));
        assertThat(queuedBytes()).isZero();

        fx.runtime.putRule(new Rule("to-ledger", "orders", "ledger", "$LATEST", false, Fixture.T0));
        var deliveries = fx.runtime.publish("orders", event);

        assertThat(deliveries).singleElement().extracting(Delivery::function).isEqualTo("mail");
        fx.awaitAll(deliveries.stream().map(Delivery::activationId).toList(), ActivationStatus.SUCCESS);
        awaitNothingQueued();
        assertThat(fx.target.calls("ledger")).isZero();
    }

    @Test
    void destinationInvocationsAreCountedButNeverRefused() {
        var gate = new CountDownLatch(1);
        fx.target.deploy("audit", 1, AsyncConfig.DEFAULTS, waitingFor(gate));
        fx.target.deploy("orders", 4, new AsyncConfig(2, 3600, Optional.of("audit"), Optional.empty()), echo());
        fx.start();
        fx.invoke("orders", kib(300));
        // Its destination record carries the request and the response: about 600 KiB, held while audit waits.
        Fixture.quickly().until(() -> fx.target.calls("audit") == 1);

        fx.invoke("orders", kib(300));

        Fixture.quickly().until(() -> fx.runtime.stats("audit").equals(new QueueStats(1, 1)));
        assertThat(queuedBytes()).as("past the budget").isGreaterThan(MIB);
        assertThatThrownBy(() -> fx.invoke("orders", "{}")).isInstanceOf(LimitExceededException.class);

        gate.countDown();
        Fixture.quickly().until(() -> fx.target.calls("audit") == 2);
        awaitNothingQueued();
        assertThat(fx.invoke("orders", "{}")).isInstanceOf(Enqueued.Accepted.class);
    }

    @Test
    void invocationsResumedAtStartAreCountedButNeverRefused() {
        var queue = new MemoryQueue();
        for (int i = 0; i < 4; i++) {
            queue.enqueue(QueuedInvocation.accept(ActivationId.random(), "jam", "$LATEST",
                    kib(300).getBytes(StandardCharsets.UTF_8), Fixture.T0, "api", Optional.empty(),
                    Optional.empty()), Duration.ZERO);
        }
        fx = new Fixture(new MemoryStore(queue), 100, MIB);
        var gate = new CountDownLatch(1);
        fx.target.deploy("jam", 1, AsyncConfig.DEFAULTS, waitingFor(gate));

        fx.start();

        assertThat(queuedBytes()).isEqualTo(1200 * 1024);
        var stats = fx.runtime.stats("jam");
        assertThat(stats.queued() + stats.running()).isEqualTo(4);
        assertThatThrownBy(() -> fx.invoke("jam", "{}")).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("holds 1.2 MiB");

        gate.countDown();
        Fixture.quickly().until(() -> fx.target.calls("jam") == 4);
        awaitNothingQueued();
        assertThat(fx.invoke("jam", "{}")).isInstanceOf(Enqueued.Accepted.class);
    }
}
