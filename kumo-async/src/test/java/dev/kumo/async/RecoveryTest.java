package dev.kumo.async;

import static dev.kumo.async.testing.FakeTarget.echo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.async.testing.MemoryQueue;
import dev.kumo.async.testing.MemoryStore;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.AsyncConfig;
import dev.kumo.core.event.QueuedInvocation;
import dev.kumo.core.event.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecoveryTest {

    private final MemoryQueue queue = new MemoryQueue();
    private final List<Fixture> fixtures = new ArrayList<>();

    @AfterEach
    void tearDown() {
        fixtures.forEach(Fixture::close);
    }

    private Fixture fixture() {
        var fx = new Fixture(new MemoryStore(queue), 100);
        fixtures.add(fx);
        return fx;
    }

    private ActivationId stored(String function, Instant accepted) {
        var id = ActivationId.random();
        queue.enqueue(QueuedInvocation.accept(id, function, "$LATEST", "{}".getBytes(), accepted, "api",
                Optional.empty(), Optional.empty()), Duration.ZERO);
        return id;
    }

    @Test
    void storedInvocationsRunAtStartAndShowAsQueuedFirst() {
        var fx = fixture();
        fx.target.deploy("hello", echo());
        var ids = List.of(stored("hello", Fixture.T0), stored("hello", Fixture.T0));

        fx.start();

        fx.awaitAll(ids, ActivationStatus.SUCCESS);
        ids.forEach(id -> assertThat(fx.store.statuses(id)).startsWith(ActivationStatus.QUEUED,
                ActivationStatus.RUNNING));
        assertThat(queue.pending()).isEmpty();
    }

    @Test
    void anEventThatGrewTooOldWhileTheNodeWasDownIsDeadLetteredWithoutRunning() {
        var fx = fixture();
        fx.target.deploy("hello", 4, new AsyncConfig(2, 3600, Optional.empty(), Optional.empty()), echo());
        ActivationId old = stored("hello", Fixture.T0.minus(Duration.ofHours(2)));

        fx.start();

        fx.awaitStatus(old, ActivationStatus.DEAD_LETTERED);
        assertThat(fx.target.calls("hello")).isZero();
        assertThat(fx.runtime.deadLetter("hello", old).reason()).startsWith("event age exceeded");
    }

    @Test
    void closingMidQueueLosesNothing() {
        var first = fixture();
        first.target.deploy("slow", 1, AsyncConfig.DEFAULTS, (request, call, early) -> {
            Thread.sleep(5);
            return echo().run(request, call, early);
        });
        first.start();
        var ids = new ArrayList<ActivationId>();
        for (int i = 0; i < 20; i++) {
            ids.add(first.invoke("slow", "{\"n\":" + i + "}").id());
        }
        Fixture.quickly().until(() -> first.target.calls("slow") >= 2);

        first.runtime.close();
        int ranBefore = first.target.calls("slow");
        assertThat(queue.pending()).hasSizeGreaterThan(0).hasSizeLessThanOrEqualTo(20 - ranBefore + 1);

        var second = fixture();
        second.target.deploy("slow", echo());
        second.start();

        Fixture.quickly().until(() -> queue.pending().isEmpty());
        for (ActivationId id : ids) {
            boolean done = first.store.activations().get(id).filter(a -> a.status() == ActivationStatus.SUCCESS)
                    .isPresent() || second.store.activations().get(id)
                    .filter(a -> a.status() == ActivationStatus.SUCCESS).isPresent();
            assertThat(done).as(id.value()).isTrue();
        }
        assertThat(first.target.calls("slow") + second.target.calls("slow")).isGreaterThanOrEqualTo(20);
    }

    @Test
    void aScheduleThatMissedTicksWhileDownFiresOnceAtStart() {
        var fx = fixture();
        fx.target.deploy("report", echo());
        fx.store.schedules().put(new Schedule("often", "report", "$LATEST", "rate(1 minute)", "{}", true,
                Fixture.T0.minus(Duration.ofHours(1))));

        fx.start();

        Fixture.quickly().until(() -> fx.target.calls("report") == 1);
        assertThat(queue.lastFire("often")).contains(Fixture.T0);
        fx.runtime.fireDueSchedules(Fixture.T0);
        assertThat(fx.target.calls("report")).isEqualTo(1);
    }
}
