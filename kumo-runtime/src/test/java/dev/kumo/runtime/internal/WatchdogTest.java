package dev.kumo.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    private final Watchdog watchdog = new Watchdog();
    private final List<String> fired = new CopyOnWriteArrayList<>();

    private Watchdog.Alarm alarm(String name) {
        return new Watchdog.Alarm() {
            @Override
            void fire() {
                fired.add(name + (Thread.currentThread().isVirtual() ? " on a virtual thread" : ""));
            }
        };
    }

    private static long in(Duration delay) {
        return System.nanoTime() + delay.toNanos();
    }

    @Test
    void firesDueAlarmsInDeadlineOrderOnAPlatformThreadAndNeverADisarmedOne() {
        var late = alarm("late");
        var disarmed = alarm("disarmed");
        var early = alarm("early");
        watchdog.arm(late, in(Duration.ofMillis(300)));
        watchdog.arm(disarmed, in(Duration.ofMillis(100)));
        watchdog.arm(early, in(Duration.ofMillis(50)));

        assertThat(watchdog.disarm(disarmed)).isTrue();

        await().atMost(Duration.ofSeconds(5)).until(() -> fired.size() == 2);
        assertThat(fired).containsExactly("early", "late");
        assertThat(watchdog.disarm(early)).as("already fired").isFalse();
    }

    @Test
    void anAlarmDueBeforeTheOneTheThreadWaitsForWakesIt() {
        long far = in(Duration.ofMinutes(10));
        watchdog.arm(alarm("far"), far);
        await().atMost(Duration.ofSeconds(5)).until(() -> watchdog.wakeAt() == far);

        watchdog.arm(alarm("near"), in(Duration.ofMillis(20)));

        await().atMost(Duration.ofSeconds(5)).until(() -> fired.contains("near"));
        assertThat(fired).containsExactly("near");
    }

    @Test
    void survivesAnAlarmThatThrows() {
        watchdog.arm(new Watchdog.Alarm() {
            @Override
            void fire() {
                throw new IllegalStateException("boom");
            }
        }, in(Duration.ZERO));
        watchdog.arm(alarm("next"), in(Duration.ofMillis(20)));

        await().atMost(Duration.ofSeconds(5)).until(() -> fired.contains("next"));
    }
}
