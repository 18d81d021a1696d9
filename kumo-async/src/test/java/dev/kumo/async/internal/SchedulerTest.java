package dev.kumo.async.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.async.testing.MemoryQueue;
import dev.kumo.async.testing.MemoryRegistry;
import dev.kumo.core.ActivationId;
import dev.kumo.core.event.QueuedInvocation;
import dev.kumo.core.event.Schedule;
import dev.kumo.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private static final Instant CREATED = Instant.parse("2025-03-01T10:00:00Z");

    private final MemoryQueue queue = new MemoryQueue();
    private final MemoryRegistry<Schedule> schedules = new MemoryRegistry<>();
    private final ManualClock clock = ManualClock.at(CREATED);
    private final List<QueuedInvocation> fired = new CopyOnWriteArrayList<>();

    private Scheduler scheduler() {
        var scheduler = new Scheduler(schedules, queue, clock, fired::add);
        scheduler.load();
        return scheduler;
    }

    private static Schedule every5Minutes(boolean enabled) {
        return new Schedule("tick", "fn", "$LATEST", "rate(5 minutes)", "{\"k\":1}", enabled, CREATED);
    }

    @Test
    void firesEachTickOnceWithTheSchedulesPayloadAndSource() {
        schedules.put(every5Minutes(true));
        var scheduler = scheduler();

        assertThat(scheduler.fireDue(clock.advance(Duration.ofMinutes(4)))).contains(CREATED.plusSeconds(300));
        assertThat(fired).isEmpty();

        Instant now = clock.advance(Duration.ofMinutes(1));
        assertThat(scheduler.fireDue(now)).contains(CREATED.plusSeconds(600));
        assertThat(scheduler.fireDue(now)).contains(CREATED.plusSeconds(600));

        assertThat(fired).singleElement().satisfies(inv -> {
            assertThat(inv.function()).isEqualTo("fn");
            assertThat(inv.source()).isEqualTo("schedule:tick");
            assertThat(new String(inv.payload(), StandardCharsets.UTF_8))
                    .contains("\"time\":\"" + CREATED.plusSeconds(300) + "\"").endsWith("\"detail\":{\"k\":1}}");
            assertThat(inv.accepted()).isEqualTo(now);
        });
        assertThat(queue.lastFire("tick")).contains(CREATED.plusSeconds(300));
        assertThat(queue.pending()).hasSize(1);

        scheduler.fireDue(clock.advance(Duration.ofMinutes(5)));
        assertThat(fired).hasSize(2);
    }

    @Test
    void afterDowntimeFiresOnceForTheLatestMissedTickNotABurst() {
        schedules.put(every5Minutes(true));
        queue.fire("tick", CREATED.plusSeconds(300), QueuedInvocation.accept(ActivationId.random(), "fn",
                "$LATEST", new byte[0], CREATED, "schedule:tick", Optional.empty(), Optional.empty()));
        clock.set(CREATED.plus(Duration.ofMinutes(62))); // ticks at 10, 15, ..., 60 missed

        var scheduler = scheduler();
        assertThat(scheduler.nextFire("tick")).contains(CREATED.plus(Duration.ofMinutes(65)));
        scheduler.fireDue(clock.instant());
        scheduler.fireDue(clock.instant());

        assertThat(fired).hasSize(1);
        assertThat(queue.lastFire("tick")).contains(CREATED.plus(Duration.ofMinutes(60)));
        scheduler.fireDue(clock.advance(Duration.ofMinutes(3)));
        assertThat(fired).hasSize(2);
        assertThat(queue.lastFire("tick")).contains(CREATED.plus(Duration.ofMinutes(65)));
    }

    @Test
    void aScheduleThatNeverFiredCatchesUpFromItsCreation() {
        schedules.put(every5Minutes(true));
        clock.set(CREATED.plus(Duration.ofMinutes(17)));

        scheduler().fireDue(clock.instant());

        assertThat(fired).hasSize(1);
        assertThat(queue.lastFire("tick")).contains(CREATED.plus(Duration.ofMinutes(15)));
    }

    @Test
    void aTickAnotherSchedulerAlreadyFiredIsNotFiredAgain() {
        schedules.put(every5Minutes(true));
        var first = scheduler();
        var second = scheduler(); // e.g. loaded before the first one's fire was recorded
        Instant now = clock.advance(Duration.ofMinutes(5));

        first.fireDue(now);
        second.fireDue(now);

        assertThat(fired).hasSize(1);
        assertThat(queue.pending()).hasSize(1);
    }

    @Test
    void aScheduleArmedNowDoesNotFireForTicksBeforeNow() {
        var scheduler = scheduler();
        clock.set(CREATED.plus(Duration.ofMinutes(12)));
        schedules.put(every5Minutes(true));
        scheduler.arm(every5Minutes(true));

        scheduler.fireDue(clock.instant());
        assertThat(fired).isEmpty();
        assertThat(scheduler.nextFire("tick")).contains(CREATED.plus(Duration.ofMinutes(15)));

        scheduler.fireDue(clock.advance(Duration.ofMinutes(3)));
        assertThat(fired).hasSize(1);
    }

    @Test
    void disabledAndDeletedSchedulesDoNotFire() {
        schedules.put(every5Minutes(false));
        var scheduler = scheduler();

        assertThat(scheduler.fireDue(clock.advance(Duration.ofMinutes(30)))).isEmpty();
        assertThat(scheduler.nextFire("tick")).isEmpty();

        scheduler.arm(every5Minutes(true));
        assertThat(scheduler.disarm("tick")).isTrue();
        scheduler.fireDue(clock.advance(Duration.ofMinutes(30)));
        assertThat(fired).isEmpty();
        assertThat(scheduler.nextFire("tick")).isEmpty();
    }

    @Test
    void cronSchedulesFireOnCronTicks() {
        schedules.put(new Schedule("hourly", "fn", "$LATEST", "cron(0 * * * *)", "null", true, CREATED));
        var scheduler = scheduler();

        assertThat(scheduler.fireDue(clock.advance(Duration.ofMinutes(59)))).contains(CREATED.plusSeconds(3_600));
        assertThat(fired).isEmpty();
        scheduler.fireDue(clock.advance(Duration.ofMinutes(1)));
        assertThat(fired).hasSize(1);
        assertThat(queue.lastFire("hourly")).contains(CREATED.plusSeconds(3_600));
    }
}
