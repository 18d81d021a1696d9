package dev.kumo.async;

import static dev.kumo.async.testing.FakeTarget.failingTimes;
import static dev.kumo.async.testing.FakeTarget.waitingFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.AsyncConfig;
import dev.kumo.core.NotFoundException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private final Fixture fx = new Fixture();

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void aRedrivenDeadLetterRunsAgainUnderANewIdWithFreshAttempts() {
        fx.target.deploy("flaky", failingTimes(3)); // three attempts fail, the fourth call succeeds
        fx.start();
        ActivationId dead = fx.runtime.invoke(Fixture.request("flaky", "{\"x\":1}", Optional.of("k1"),
                Optional.empty())).id();
        fx.awaitStatus(dead, ActivationStatus.DEAD_LETTERED);
        assertThat(fx.runtime.deadLetters("flaky", "", 10).items()).extracting(d -> d.invocation().id())
                .containsExactly(dead);

        ActivationId again = fx.runtime.redrive("flaky", dead);

        assertThat(again).isNotEqualTo(dead);
        var done = fx.awaitStatus(again, ActivationStatus.SUCCESS);
        assertThat(done.attempt()).isEqualTo(1);
        assertThat(done.attempts()).isEmpty();
        assertThat(fx.target.requests("flaky").getLast().payload()).isEqualTo("{\"x\":1}".getBytes());
        assertThat(fx.runtime.deadLetters("flaky", "", 10).items()).isEmpty();
        assertThat(fx.store.activation(dead).status()).isEqualTo(ActivationStatus.DEAD_LETTERED);
        assertThatThrownBy(() -> fx.runtime.redrive("flaky", dead)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theRedrivenInvocationNamesItsOrigin() {
        var gate = new CountDownLatch(1);
        fx.target.deploy("flaky", 1, new AsyncConfig(0, 3600, Optional.empty(), Optional.empty()),
                (request, call, early) -> call == 1 ? failingTimes(1).run(request, call, early)
                        : waitingFor(gate).run(request, call, early));
        fx.start();
        ActivationId dead = fx.invoke("flaky", "{}").id();
        fx.awaitStatus(dead, ActivationStatus.DEAD_LETTERED);

        ActivationId again = fx.runtime.redrive("flaky", dead);

        assertThat(fx.store.queue().pending()).singleElement().satisfies(inv -> {
            assertThat(inv.id()).isEqualTo(again);
            assertThat(inv.source()).isEqualTo("redrive:" + dead);
            assertThat(inv.attempts()).isZero();
        });
        gate.countDown();
        fx.awaitStatus(again, ActivationStatus.SUCCESS);
    }

    @Test
    void deadLettersCanBeDeletedAndUnknownOnesAreNotFound() {
        fx.target.deploy("flaky", failingTimes(3));
        fx.start();
        ActivationId dead = fx.invoke("flaky", "{}").id();
        fx.awaitStatus(dead, ActivationStatus.DEAD_LETTERED);

        assertThatThrownBy(() -> fx.runtime.deadLetter("other", dead)).isInstanceOf(NotFoundException.class);
        fx.runtime.deleteDeadLetter("flaky", dead);

        assertThatThrownBy(() -> fx.runtime.deadLetter("flaky", dead)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.runtime.deleteDeadLetter("flaky", dead)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.runtime.redrive("flaky", ActivationId.random()))
                .isInstanceOf(NotFoundException.class);
    }
}
