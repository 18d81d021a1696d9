package dev.kumo.async;

import static dev.kumo.async.testing.FakeTarget.echo;
import static dev.kumo.async.testing.FakeTarget.failing;
import static dev.kumo.async.testing.FakeTarget.failingTimes;
import static dev.kumo.async.testing.FakeTarget.invalidInput;
import static dev.kumo.async.testing.FakeTarget.returning;
import static dev.kumo.async.testing.FakeTarget.stuckOnce;
import static dev.kumo.async.testing.FakeTarget.waitingFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kumo.async.testing.MemoryStore;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.AsyncConfig;
import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.InvocationResult;
import dev.kumo.core.LimitExceededException;
import dev.kumo.core.NotFoundException;
import dev.kumo.core.RejectReason;
import dev.kumo.core.event.Enqueued;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncInvokeTest {

    private Fixture fx = new Fixture();

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void anInvocationIsQueuedThenRunsThenSucceeds() {
        fx.target.deploy("hello", echo());
        fx.start();

        Enqueued enqueued = fx.invoke("hello", "{\"name\":\"Ada\"}");

        assertThat(enqueued).isInstanceOf(Enqueued.Accepted.class);
        var done = fx.awaitStatus(enqueued.id(), ActivationStatus.SUCCESS);
        assertThat(done.attempt()).isEqualTo(1);
        assertThat(done.attempts()).isEmpty();
        assertThat(done.result()).contains("{\"name\":\"Ada\"}");
        var records = fx.store.records(enqueued.id());
        assertThat(records.get(0).status()).isEqualTo(ActivationStatus.QUEUED);
        assertThat(records.get(0).attempt()).isZero();
        assertThat(records.get(0).start()).isEqualTo(Fixture.T0);
        assertThat(records.get(1).status()).isEqualTo(ActivationStatus.RUNNING);
        assertThat(records.get(1).attempt()).isEqualTo(1);
        Fixture.quickly().until(() -> fx.runtime.stats("hello").equals(new QueueStats(0, 0)));
        assertThat(fx.store.queue().pending()).isEmpty();
        assertThat(fx.counter("kumo.async.enqueued", "function", "hello")).isEqualTo(1);
    }

    @Test
    void failuresAreRetriedThenDeadLetteredWithEveryAttempt() {
        fx.target.deploy("poison", failing());
        fx.start();

        ActivationId id = fx.invoke("poison", "{}").id();

        var dead = fx.awaitStatus(id, ActivationStatus.DEAD_LETTERED);
        assertThat(fx.target.calls("poison")).isEqualTo(3);
        assertThat(dead.attempt()).isEqualTo(3);
        assertThat(dead.attempts()).extracting(a -> a.number()).containsExactly(1, 2, 3);
        assertThat(dead.attempts()).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(ActivationStatus.ERROR);
            assertThat(a.error()).get().extracting(e -> e.message()).isEqualTo("always fails");
            assertThat(a.logs()).containsExactly("attempt " + a.number());
        });
        var letter = fx.runtime.deadLetter("poison", id);
        assertThat(letter.reason()).isEqualTo("retries exhausted after 3 attempts");
        assertThat(letter.invocation().attempts()).isEqualTo(3);
        assertThat(letter.invocation().history()).hasSize(3);
        assertThat(fx.store.statuses(id)).containsSubsequence(ActivationStatus.QUEUED, ActivationStatus.RUNNING,
                ActivationStatus.ERROR, ActivationStatus.QUEUED, ActivationStatus.RUNNING, ActivationStatus.ERROR,
                ActivationStatus.QUEUED, ActivationStatus.RUNNING, ActivationStatus.ERROR,
                ActivationStatus.DEAD_LETTERED);
        assertThat(fx.target.requests("poison")).extracting(r -> r.attempt()).containsExactly(1, 2, 3);
        assertThat(fx.counter("kumo.async.retries", "function", "poison")).isEqualTo(2);
        assertThat(fx.counter("kumo.async.dead.letters", "function", "poison")).isEqualTo(1);
    }

    @Test
    void aRetryThatSucceedsKeepsTheEarlierAttempts() {
        fx.target.deploy("flaky", failingTimes(2));
        fx.start();

        ActivationId id = fx.invoke("flaky", "{}").id();

        var done = fx.awaitStatus(id, ActivationStatus.SUCCESS);
        assertThat(done.attempt()).isEqualTo(3);
        assertThat(done.attempts()).extracting(a -> a.number()).containsExactly(1, 2);
        assertThat(fx.runtime.deadLetters("flaky", "", 10).items()).isEmpty();
    }

    @Test
    void aPoisonMessageDoesNotHoldUpTheRest() {
        fx.target.deploy("orders", 1, new AsyncConfig(5, 3600, Optional.empty(), Optional.empty()),
                (request, call, early) -> new String(request.payload()).contains("poison")
                        ? failing().run(request, call, early) : echo().run(request, call, early));
        fx.start();

        ActivationId poison = fx.invoke("orders", "\"poison\"").id();
        var good = new ArrayList<ActivationId>();
        for (int i = 0; i < 20; i++) {
            good.add(fx.invoke("orders", "{\"n\":" + i + "}").id());
        }

        fx.awaitAll(good, ActivationStatus.SUCCESS);
        assertThat(fx.awaitStatus(poison, ActivationStatus.DEAD_LETTERED).attempts()).hasSize(6);
        assertThat(fx.target.maxConcurrent("orders")).isEqualTo(1);
    }

    @Test
    void attemptsOfAFunctionNeverExceedItsConcurrencyLimit() {
        fx.target.deploy("slow", 3, AsyncConfig.DEFAULTS, (request, call, early) -> {
            Thread.sleep(10);
            return returning("1").run(request, call, early);
        });
        fx.start();

        var ids = new ArrayList<ActivationId>();
        for (int i = 0; i < 30; i++) {
            ids.add(fx.invoke("slow", "{}").id());
        }

        fx.awaitAll(ids, ActivationStatus.SUCCESS);
        assertThat(fx.target.maxConcurrent("slow")).isEqualTo(3);
        assertThat(fx.target.rejected("slow")).isZero();
    }

    @Test
    void aRejectionIsRetriedWithoutCountingAnAttempt() {
        fx.target.deploy("busy", (request, call, early) -> call <= 2
                ? new InvocationResult.Rejected(request.id(), RejectReason.NODE_CONCURRENCY,
                        Duration.ofMillis(1), "node busy")
                : returning("\"ok\"").run(request, call, early));
        fx.start();

        ActivationId id = fx.invoke("busy", "{}").id();

        var done = fx.awaitStatus(id, ActivationStatus.SUCCESS);
        assertThat(done.attempt()).isEqualTo(1);
        assertThat(done.attempts()).isEmpty();
        assertThat(fx.target.requests("busy")).extracting(r -> r.attempt()).containsExactly(1, 1, 1);
        assertThat(fx.counter("kumo.async.retries", "function", "busy")).isZero();
    }

    @Test
    void invalidInputIsDeadLetteredWithoutRetries() {
        fx.target.deploy("strict", invalidInput());
        fx.start();

        ActivationId id = fx.invoke("strict", "[]").id();

        var dead = fx.awaitStatus(id, ActivationStatus.DEAD_LETTERED);
        assertThat(fx.target.calls("strict")).isEqualTo(1);
        assertThat(dead.attempts()).hasSize(1);
        assertThat(fx.runtime.deadLetter("strict", id).reason()).isEqualTo("invalid input: bad input");
    }

    @Test
    void anEventPastItsMaximumAgeIsDeadLetteredInsteadOfRetried() {
        fx.target.deploy("late", 1, new AsyncConfig(2, 60, Optional.empty(), Optional.empty()),
                (request, call, early) -> {
                    fx.clock.advance(Duration.ofMinutes(2));
                    return failing().run(request, call, early);
                });
        fx.start();

        ActivationId id = fx.invoke("late", "{}").id();

        fx.awaitStatus(id, ActivationStatus.DEAD_LETTERED);
        assertThat(fx.target.calls("late")).isEqualTo(1);
        assertThat(fx.runtime.deadLetter("late", id).reason()).startsWith("event age exceeded");
    }

    @Test
    void aFunctionDeletedWhileQueuedIsDeadLettered() throws Exception {
        var gate = new CountDownLatch(1);
        fx.target.deploy("gone", 1, AsyncConfig.DEFAULTS, waitingFor(gate));
        fx.start();
        ActivationId first = fx.invoke("gone", "{}").id();
        ActivationId second = fx.invoke("gone", "{}").id();
        fx.awaitStatus(first, ActivationStatus.RUNNING);

        fx.target.remove("gone");
        gate.countDown();

        fx.awaitStatus(second, ActivationStatus.DEAD_LETTERED);
        assertThat(fx.runtime.deadLetter("gone", second).reason()).startsWith("function not found");
        fx.awaitStatus(first, ActivationStatus.SUCCESS);
    }

    @Test
    void anAttemptThatIgnoresItsTimeoutIsRetriedButKeepsItsSlot() {
        var release = new CountDownLatch(1);
        fx.target.deploy("stuck", 1, AsyncConfig.DEFAULTS, stuckOnce(release));
        fx.start();

        ActivationId id = fx.invoke("stuck", "{}").id();

        // Wait for the record of the retry (attempt 1 queued again), not the one written at accept (attempt 0),
        // which a loaded machine may still show when the wait begins.
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.store.activation(id),
                a -> a.status() == ActivationStatus.QUEUED && a.attempt() == 1);
        var queued = fx.store.activation(id);
        assertThat(queued.attempts()).extracting(a -> a.status()).containsExactly(ActivationStatus.TIMEOUT);
        // The retry is due within milliseconds but the stuck thread still holds the only slot.
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1))
                .until(() -> fx.target.calls("stuck") == 1);
        assertThat(fx.runtime.stats("stuck")).isEqualTo(new QueueStats(1, 0));

        release.countDown();

        var done = fx.awaitStatus(id, ActivationStatus.SUCCESS);
        assertThat(done.attempt()).isEqualTo(2);
        assertThat(fx.target.rejected("stuck")).isZero();
    }

    @Test
    void aTimeoutReportedEarlyIsRetriedWhileTheStuckAttemptStillRuns() {
        var release = new CountDownLatch(1);
        fx.target.deploy("stuck", 2, AsyncConfig.DEFAULTS, stuckOnce(release));
        fx.start();

        ActivationId id = fx.invoke("stuck", "{}").id();

        var done = fx.awaitStatus(id, ActivationStatus.SUCCESS);
        assertThat(done.attempt()).isEqualTo(2);
        assertThat(release.getCount()).isEqualTo(1);
        release.countDown();
    }

    @Test
    void theSameIdempotencyKeyAnswersTheFirstInvocation() {
        fx.target.deploy("pay", echo());
        fx.start();
        var key = Optional.of("order-42");

        var first = fx.runtime.invoke(Fixture.request("pay", "{\"amount\":1}", key, Optional.empty()));
        var again = fx.runtime.invoke(Fixture.request("pay", "{\"amount\":1}", key, Optional.empty()));
        var other = fx.runtime.invoke(Fixture.request("pay", "{\"amount\":2}", key, Optional.empty()));

        assertThat(first).isInstanceOf(Enqueued.Accepted.class);
        assertThat(again).isEqualTo(new Enqueued.Duplicate(first.id()));
        assertThat(other).isEqualTo(new Enqueued.Conflict(first.id()));
        fx.awaitStatus(first.id(), ActivationStatus.SUCCESS);
        Fixture.quickly().until(() -> fx.runtime.stats("pay").equals(new QueueStats(0, 0)));
        assertThat(fx.target.calls("pay")).isEqualTo(1);
    }

    @Test
    void aFullQueueRefusesMoreAndStoresNothing() {
        fx = new Fixture(new MemoryStore(), 3);
        var gate = new CountDownLatch(1);
        fx.target.deploy("jam", 1, AsyncConfig.DEFAULTS, waitingFor(gate));
        fx.start();
        for (int i = 0; i < 3; i++) {
            fx.invoke("jam", "{}");
        }

        assertThatThrownBy(() -> fx.invoke("jam", "{}")).isInstanceOfSatisfying(LimitExceededException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
        assertThat(fx.store.queue().pending()).hasSize(3);
        assertThat(fx.runtime.stats("jam")).isEqualTo(new QueueStats(2, 1));

        gate.countDown();
        Fixture.quickly().until(() -> fx.runtime.stats("jam").equals(new QueueStats(0, 0)));
        assertThat(fx.invoke("jam", "{}")).isInstanceOf(Enqueued.Accepted.class);
    }

    @Test
    void requestsAreValidatedBeforeAnythingIsStored() {
        fx.target.deploy("hello", echo());
        fx.start();

        assertThatThrownBy(() -> fx.invoke("nobody", "{}")).isInstanceOf(NotFoundException.class);
        for (String key : new String[]{"", "x".repeat(257), "caf\u00e9", "line\nbreak"}) {
            assertThatThrownBy(() -> fx.runtime.invoke(Fixture.request("hello", "{}", Optional.of(key),
                    Optional.empty()))).isInstanceOfSatisfying(InvalidRequestException.class,
                    e -> assertThat(e.field()).isEqualTo("Kumo-Idempotency-Key"));
        }
        for (String url : new String[]{"http://evil.example/cb", "ftp://127.0.0.1/cb", "/relative",
                "http://user:secret@127.0.0.1/cb", "http://127.0.0.1:8080/a b"}) {
            assertThatThrownBy(() -> fx.runtime.invoke(Fixture.request("hello", "{}", Optional.empty(),
                    Optional.of(url)))).isInstanceOfSatisfying(InvalidRequestException.class,
                    e -> assertThat(e.field()).isEqualTo("Kumo-Callback-Url"));
        }
        assertThatThrownBy(() -> fx.runtime.invoke(Fixture.request("hello", "{}", Optional.empty(),
                Optional.of("http://evil.example/cb")))).hasMessageContaining("127.0.0.1, localhost");
        assertThat(fx.store.queue().pending()).isEmpty();
        assertThat(fx.runtime.stats("hello")).isEqualTo(new QueueStats(0, 0));
    }
}
