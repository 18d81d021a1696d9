package dev.kumo.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.core.InvocationResult;
import dev.kumo.runtime.fn.Hello;
import dev.kumo.spi.keepalive.KeepAlivePolicies;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime follows the hybrid-histogram policy on virtual time: once a periodic function's idle times
 * are known, its instance is unloaded between invocations and pre-warmed before the next one arrives.
 */
class PrewarmTest {

    private static final Duration PERIOD = Duration.ofMinutes(10);

    @Test
    void periodicFunctionIsPrewarmedBeforeItsNextArrivalOnceLearned(@TempDir Path dir) {
        try (var fx = new Fixture(dir, RuntimeConfig.defaults(), KeepAlivePolicies.create("hybrid-histogram"))) {
            fx.deploy("tick", Hello.class);
            Instant first = fx.clock.instant();
            boolean[] cold = new boolean[16];
            int[] idleMidway = new int[16];
            for (int i = 0; i < cold.length; i++) {
                fx.clock.set(first.plus(PERIOD.multipliedBy(i)));
                var result = fx.invoke("tick", "{}");
                assertThat(result).isInstanceOf(InvocationResult.Success.class);
                cold[i] = ((InvocationResult.Success) result).coldStart();
                // The reaper's job, minute by minute until the next arrival.
                // (Time never jumps while a pre-warm is starting: its start deadline is on the same clock.)
                for (int minute = 1; minute < PERIOD.toMinutes(); minute++) {
                    fx.clock.set(first.plus(PERIOD.multipliedBy(i)).plus(Duration.ofMinutes(minute)));
                    fx.dispatcher.evictExpired(fx.clock.instant());
                    if (minute == 4) {
                        idleMidway[i] = fx.dispatcher.snapshot().idleInstances();
                    }
                }
                int round = i;
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        fx.dispatcher.snapshot().idleInstances()).as("warm before arrival %d", round + 1).isEqualTo(1));
            }
            assertThat(cold[0]).as("first call").isTrue();
            for (int i = 1; i < cold.length; i++) {
                assertThat(cold[i]).as("call %d", i).isFalse();
            }
            // Before any idle time is known the instance just stays loaded; from the first idle time on, it is
            // unloaded between calls and its memory is free until the pre-warm.
            assertThat(idleMidway[0]).isEqualTo(1);
            for (int i = 1; i < cold.length; i++) {
                assertThat(idleMidway[i]).as("unloaded between calls %d and %d", i, i + 1).isZero();
            }
        }
    }
}
