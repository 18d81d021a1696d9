package dev.kumo.async;

import static dev.kumo.async.testing.FakeTarget.echo;
import static dev.kumo.async.testing.FakeTarget.failing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.async.testing.FakeTarget;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.AsyncConfig;
import dev.kumo.core.event.Enqueued;
import dev.kumo.core.event.QueuedInvocation;
import dev.kumo.core.event.Schedule;
import dev.kumo.store.EmbeddedStore;
import dev.kumo.store.StoreOptions;
import dev.kumo.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime over the real embedded store: what was accepted survives closing both and reopening. */
class EmbeddedStoreRecoveryTest {

    private static final AsyncSettings SETTINGS = new AsyncSettings(1_000, 64L * 1024 * 1024, Duration.ofHours(24),
            Set.of("127.0.0.1"), Duration.ofMillis(1), Duration.ofMillis(5), 3);

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.at(Fixture.T0);

    private EmbeddedStore open() {
        return EmbeddedStore.open(dir, StoreOptions.defaults().withClock(clock));
    }

    @Test
    void invocationsQueuedWhenTheNodeStopsRunAfterItRestarts() {
        var ids = new ArrayList<ActivationId>();
        ActivationId keyed;
        ActivationId dead;
        try (var store = open()) {
            var target = new FakeTarget(store.activations());
            target.deploy("slow", 1, AsyncConfig.DEFAULTS, (request, call, early) -> {
                Thread.sleep(5);
                return echo().run(request, call, early);
            });
            target.deploy("poison", 1, new AsyncConfig(0, 3600, Optional.empty(), Optional.empty()), failing());
            try (var runtime = AsyncRuntime.start(SETTINGS, store, target, clock, new SimpleMeterRegistry())) {
                for (int i = 0; i < 30; i++) {
                    ids.add(runtime.invoke(Fixture.request("slow", "{\"n\":" + i + "}", Optional.empty(),
                            Optional.empty())).id());
                }
                keyed = runtime.invoke(Fixture.request("slow", "{}", Optional.of("once"), Optional.empty())).id();
                dead = runtime.invoke(Fixture.request("poison", "{}", Optional.empty(), Optional.empty())).id();
                Fixture.quickly().until(() -> target.calls("slow") >= 3
                        && store.queue().deadLetter("poison", dead).isPresent());
            }
            assertThat(store.queue().pending()).isNotEmpty();
        }

        try (var store = open()) {
            var target = new FakeTarget(store.activations());
            target.deploy("slow", echo());
            target.deploy("poison", echo());
            try (var runtime = AsyncRuntime.start(SETTINGS, store, target, clock, new SimpleMeterRegistry())) {
                Fixture.quickly().until(() -> store.queue().pending().isEmpty());
                ids.add(keyed);
                assertThat(ids).allSatisfy(id -> assertThat(store.activations().get(id)).get()
                        .extracting(a -> a.status()).isEqualTo(ActivationStatus.SUCCESS));
                assertThat(runtime.invoke(Fixture.request("slow", "{}", Optional.of("once"), Optional.empty())))
                        .isEqualTo(new Enqueued.Duplicate(keyed));

                assertThat(runtime.deadLetter("poison", dead).invocation().attempts()).isEqualTo(1);
                ActivationId again = runtime.redrive("poison", dead);
                Fixture.quickly().until(() -> store.activations().get(again)
                        .filter(a -> a.status() == ActivationStatus.SUCCESS).isPresent());
            }
        }
    }

    @Test
    void aScheduleTickFiredBeforeARestartDoesNotFireAgain() {
        var schedule = new Schedule("often", "report", "$LATEST", "rate(1 minute)", "{}", true,
                Fixture.T0.minus(Duration.ofMinutes(30)));
        try (var store = open()) {
            store.schedules().put(schedule);
            assertThat(store.queue().fire("often", Fixture.T0, QueuedInvocation.accept(ActivationId.random(),
                    "report", "$LATEST", new byte[0], Fixture.T0, "schedule:often", Optional.empty(),
                    Optional.empty()))).isTrue();
        }
        try (var store = open()) {
            var target = new FakeTarget(store.activations());
            target.deploy("report", echo());
            try (var runtime = AsyncRuntime.start(SETTINGS, store, target, clock, new SimpleMeterRegistry())) {
                Fixture.quickly().until(() -> target.calls("report") == 1); // the fire stored before the restart
                runtime.fireDueSchedules(Fixture.T0);
                clock.advance(Duration.ofSeconds(59));
                runtime.fireDueSchedules(clock.instant());
                assertThat(store.queue().lastFire("often")).contains(Fixture.T0);
                Fixture.quickly().until(() -> store.queue().pending().isEmpty());
                assertThat(target.calls("report")).isEqualTo(1);

                runtime.fireDueSchedules(clock.advance(Duration.ofSeconds(1)));
                Fixture.quickly().until(() -> target.calls("report") == 2);
            }
        }
    }
}
