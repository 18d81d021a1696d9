package dev.kumo.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.spi.keepalive.KeepAlivePolicy;
import dev.kumo.spi.keepalive.KeepAliveWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Shows that each clause of the suite fails for a policy that breaks it: a suite that cannot fail is a bug. */
class KeepAlivePolicyConformanceTest {

    private static final KeepAliveWindow TEN_MINUTES = KeepAliveWindow.keepFor(Duration.ofMinutes(10));

    @Test
    void rejectsNullWindowForUnknownApp() {
        var suite = suiteFor(() -> policy((app, start, end) -> { }, (app, now) -> null));
        assertThatThrownBy(suite::unknownAppGetsSaneWindow).isInstanceOf(AssertionError.class);
        assertThatThrownBy(suite::windowsAfterObservationsAreSane).isInstanceOf(AssertionError.class);
    }

    @Test
    void rejectsRandomWindows() {
        var suite = suiteFor(() -> {
            var random = new Random();
            return policy((app, start, end) -> { },
                    (app, now) -> KeepAliveWindow.keepFor(Duration.ofSeconds(random.nextInt(1, 1_000_000))));
        });
        assertThatThrownBy(suite::isDeterministic).isInstanceOf(AssertionError.class);
    }

    @Test
    void rejectsSharedInstance() {
        var shared = policy((app, start, end) -> { }, (app, now) -> TEN_MINUTES);
        assertThatThrownBy(suiteFor(() -> shared)::isDeterministic)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("fresh instance");
    }

    @Test
    void rejectsReadingTheClock() {
        var suite = suiteFor(() -> {
            var lastEnd = new AtomicReference<>(Instant.EPOCH);
            // idle time measured against the wall clock instead of the now argument
            return policy((app, start, end) -> lastEnd.set(end), (app, now) -> KeepAliveWindow.keepFor(
                    Duration.ofHours(Duration.between(lastEnd.get(), Instant.now()).abs().toDays())));
        });
        assertThatThrownBy(suite::takesTimeOnlyFromArguments).isInstanceOf(AssertionError.class);
    }

    @Test
    void rejectsLeakBetweenApps() {
        var suite = suiteFor(() -> {
            var lastStart = new AtomicReference<Instant>(Instant.EPOCH);
            return policy((app, start, end) -> lastStart.set(start), (app, now) -> KeepAliveWindow.keepFor(
                    Duration.ofSeconds(Math.floorMod(lastStart.get().getEpochSecond(), 3600))));
        });
        assertThatThrownBy(suite::appsAreIndependent).isInstanceOf(AssertionError.class);
    }

    @Test
    void reportsFailuresOnWorkerThreads() {
        var suite = suiteFor(() -> policy((app, start, end) -> {
            if (app.equals("tenant-3-v1")) {
                throw new IllegalStateException("boom on " + Thread.currentThread().getName());
            }
        }, (app, now) -> TEN_MINUTES));
        assertThatThrownBy(suite::isThreadSafe).isInstanceOf(IllegalStateException.class).hasMessageContaining("boom");
    }

    @Test
    void rejectsLostUpdates() {
        var suite = suiteFor(() -> {
            var counts = new ConcurrentHashMap<String, Integer>();
            return policy((app, start, end) -> {
                if (Thread.currentThread().getName().startsWith("conformance-1")) {
                    return; // drops one thread's observations, as a racy map would
                }
                counts.merge(app, 1, Integer::sum);
            }, (app, now) -> KeepAliveWindow.keepFor(Duration.ofSeconds(counts.getOrDefault(app, 0))));
        });
        assertThatThrownBy(suite::isThreadSafe).isInstanceOf(AssertionError.class).hasMessageContaining("tenant-1-v1");
    }

    @Test
    void rejectsThrowingOnOutOfOrderInvocations() {
        var suite = suiteFor(() -> {
            var lastEnd = new AtomicReference<Instant>(Instant.MIN);
            return policy((app, start, end) -> {
                if (!end.isAfter(lastEnd.getAndSet(end))) {
                    throw new IllegalArgumentException("out of order");
                }
            }, (app, now) -> TEN_MINUTES);
        });
        assertThatThrownBy(suite::toleratesZeroLengthAndOutOfOrderInvocations)
                .isInstanceOf(IllegalArgumentException.class);
    }

    private interface Recorder {
        void record(String app, Instant start, Instant end);
    }

    private interface Answerer {
        KeepAliveWindow answer(String app, Instant now);
    }

    private static KeepAlivePolicy policy(Recorder recorder, Answerer answerer) {
        return new KeepAlivePolicy() {
            @Override
            public void recordInvocation(String app, Instant start, Instant end) {
                recorder.record(app, start, end);
            }

            @Override
            public KeepAliveWindow window(String app, Instant now) {
                return answerer.answer(app, now);
            }
        };
    }

    private static KeepAlivePolicyConformance suiteFor(Supplier<KeepAlivePolicy> policies) {
        return new KeepAlivePolicyConformance() {
            @Override
            protected KeepAlivePolicy newPolicy() {
                return policies.get();
            }
        };
    }
}
