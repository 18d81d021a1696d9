package dev.kumo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.spi.keepalive.KeepAlivePolicy;
import dev.kumo.spi.keepalive.KeepAliveWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link KeepAlivePolicy} must keep. An implementation's test extends this class and
 * implements {@link #newPolicy()}; it may add its own behavioural tests beside the inherited ones.
 *
 * <p>The workload is a seeded, realistic trace (a chatty API, an hourly job, a bursty webhook) on March 2025
 * instants, so a failure reproduces exactly.
 */
public abstract class KeepAlivePolicyConformance {

    private static final Instant START = Instant.parse("2025-03-03T08:00:00Z");
    private static final List<String> APPS = List.of("checkout-v3", "hourly-report-v1", "webhook-v12");
    private static final int THREADS = 8;

    /** Returns a new policy with no observations; each call must return a distinct instance. */
    protected abstract KeepAlivePolicy newPolicy();

    /** An app that was never observed gets a non-null, non-negative window. */
    @Test
    public void unknownAppGetsSaneWindow() {
        assertSane(newPolicy().window("never-seen-v1", START));

        var observed = newPolicy();
        replay(observed, trace(1, APPS, 200));
        assertSane(observed.window("never-seen-v1", START.plus(Duration.ofDays(3))));
    }

    /** Every window answered while and after observing a realistic trace is non-null and non-negative. */
    @Test
    public void windowsAfterObservationsAreSane() {
        var policy = newPolicy();
        var steps = trace(2, APPS, 500);
        replay(policy, steps).forEach(KeepAlivePolicyConformance::assertSane);

        var last = steps.getLast().at();
        for (var idle : List.of(Duration.ZERO, Duration.ofMinutes(1), Duration.ofHours(6), Duration.ofDays(30))) {
            for (var app : APPS) {
                assertSane(policy.window(app, last.plus(idle)));
            }
        }
    }

    /** Two fresh policies fed the same invocations answer the same windows: no randomness, no hidden input. */
    @Test
    public void isDeterministic() {
        var first = newPolicy();
        var second = newPolicy();
        assertThat(first).as("newPolicy() must return a fresh instance").isNotSameAs(second);

        var steps = trace(3, APPS, 500);
        assertThat(replay(second, steps)).isEqualTo(replay(first, steps));
    }

    /**
     * Shifting every instant by the same amount changes no window, so a policy takes time only from its
     * arguments and never from the clock. Shifts are whole weeks, so a policy may still use time of day.
     */
    @Test
    public void takesTimeOnlyFromArguments() {
        var steps = trace(4, APPS, 500);
        var expected = replay(newPolicy(), steps);
        for (var shift : List.of(Duration.ofDays(7 * 52), Duration.ofDays(-7 * 260))) {
            assertThat(replay(newPolicy(), shifted(steps, shift)))
                    .as("windows with every instant shifted by %s", shift)
                    .isEqualTo(expected);
        }
    }

    /** Observations of other apps change neither an observed app's windows nor an unobserved app's window. */
    @Test
    public void appsAreIndependent() {
        var target = APPS.get(1);
        var steps = trace(5, APPS, 600);
        var alone = steps.stream().filter(step -> step.app().equals(target)).toList();

        var shared = newPolicy();
        var mixed = replay(shared, steps);
        var mixedForTarget = new ArrayList<KeepAliveWindow>();
        for (int i = 0, w = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Query query) {
                if (query.app().equals(target)) {
                    mixedForTarget.add(mixed.get(w));
                }
                w++;
            }
        }
        assertThat(mixedForTarget).isEqualTo(replay(newPolicy(), alone));

        var later = steps.getLast().at().plus(Duration.ofMinutes(3));
        assertThat(shared.window("never-seen-v1", later)).isEqualTo(newPolicy().window("never-seen-v1", later));
    }

    /**
     * Concurrent calls from several threads neither throw nor lose observations: each thread's own app ends
     * with the windows a single-threaded replay gives, while all threads also share one app.
     */
    @Test
    @Timeout(60)
    public void isThreadSafe() throws Exception {
        var policy = newPolicy();
        var ready = new CountDownLatch(THREADS);
        var go = new CountDownLatch(1);
        var traces = new ArrayList<List<Step>>();
        var results = new ArrayList<Future<List<KeepAliveWindow>>>();
        try (var threads = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("conformance-", 0).factory())) {
            for (int t = 0; t < THREADS; t++) {
                var steps = trace(100 + t, List.of("tenant-" + t + "-v1"), 400);
                traces.add(steps);
                results.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    var windows = new ArrayList<KeepAliveWindow>();
                    for (var step : steps) {
                        switch (step) {
                            case Invoke invoke -> {
                                policy.recordInvocation(invoke.app(), invoke.start(), invoke.end());
                                policy.recordInvocation("shared-v1", invoke.start(), invoke.end());
                            }
                            case Query query -> {
                                windows.add(policy.window(query.app(), query.now()));
                                assertSane(policy.window("shared-v1", query.now()));
                            }
                        }
                    }
                    return windows;
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).as("all threads started").isTrue();
            go.countDown();
            for (int t = 0; t < THREADS; t++) {
                assertThat(resultOf(results.get(t)))
                        .as("windows of tenant-%d-v1 versus a single-threaded replay", t)
                        .isEqualTo(replay(newPolicy(), traces.get(t)));
            }
        }
        assertSane(policy.window("shared-v1", START.plus(Duration.ofDays(10))));
    }

    /**
     * Zero-length invocations, invocations reported late (out of order) and a {@code now} earlier than the
     * last observation are all normal on a busy pool, and must not throw.
     */
    @Test
    public void toleratesZeroLengthAndOutOfOrderInvocations() {
        var policy = newPolicy();
        var app = APPS.getFirst();
        var t = START.plus(Duration.ofHours(1));

        policy.recordInvocation(app, t, t);
        policy.recordInvocation(app, t, t);
        assertSane(policy.window(app, t));

        policy.recordInvocation(app, t.plusSeconds(600), t.plusSeconds(601));
        policy.recordInvocation(app, t.minusSeconds(300), t.minusSeconds(299));
        policy.recordInvocation(app, t.minusSeconds(3600), t.minusSeconds(3600));
        assertSane(policy.window(app, t.plusSeconds(601)));
        assertSane(policy.window(app, t.minusSeconds(1800)));
        assertSane(policy.window(app, START.minus(Duration.ofDays(1))));

        var late = newPolicy();
        var steps = new ArrayList<>(trace(6, APPS, 300));
        steps.sort(Comparator.comparing(Step::at).reversed());
        replay(late, steps).forEach(KeepAlivePolicyConformance::assertSane);
    }

    private static void assertSane(KeepAliveWindow window) {
        assertThat(window).as("window").isNotNull();
        assertThat(window.prewarm()).as("prewarm").isNotNull().isGreaterThanOrEqualTo(Duration.ZERO);
        assertThat(window.keepAlive()).as("keepAlive").isNotNull().isGreaterThanOrEqualTo(Duration.ZERO);
    }

    /** Rethrows what a worker threw, so the report shows the assertion or policy failure itself. */
    private static <T> T resultOf(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (Exception) e.getCause();
        }
    }

    private static List<KeepAliveWindow> replay(KeepAlivePolicy policy, List<Step> steps) {
        var windows = new ArrayList<KeepAliveWindow>();
        for (var step : steps) {
            switch (step) {
                case Invoke invoke -> policy.recordInvocation(invoke.app(), invoke.start(), invoke.end());
                case Query query -> windows.add(policy.window(query.app(), query.now()));
            }
        }
        return windows;
    }

    private static List<Step> shifted(List<Step> steps, Duration shift) {
        return steps.stream().<Step>map(step -> switch (step) {
            case Invoke invoke -> new Invoke(invoke.app(), invoke.start().plus(shift), invoke.end().plus(shift));
            case Query query -> new Query(query.app(), query.now().plus(shift));
        }).toList();
    }

    /**
     * A seeded trace of {@code count} invocations spread over {@code apps}, each followed by the query the pool
     * makes when the instance turns idle. Apps differ in rhythm: seconds, minutes or hours between calls.
     */
    private static List<Step> trace(long seed, List<String> apps, int count) {
        var random = new Random(seed);
        var meanGapSeconds = new long[] {20, 3600, 300};
        var next = new Instant[apps.size()];
        Arrays.fill(next, START);
        var steps = new ArrayList<Step>();
        for (int i = 0; i < count; i++) {
            int a = random.nextInt(apps.size());
            var gap = (long) (-Math.log(1 - random.nextDouble()) * meanGapSeconds[a % meanGapSeconds.length]);
            var start = next[a].plusSeconds(gap).plusMillis(random.nextInt(1000));
            var end = random.nextInt(10) == 0 ? start : start.plusMillis(1 + random.nextInt(30_000));
            next[a] = end;
            steps.add(new Invoke(apps.get(a), start, end));
            steps.add(new Query(apps.get(a), end));
        }
        steps.sort(Comparator.comparing(Step::at));
        return List.copyOf(steps);
    }

    private sealed interface Step permits Invoke, Query {
        String app();

        Instant at();
    }

    private record Invoke(String app, Instant start, Instant end) implements Step {
        @Override
        public Instant at() {
            return end;
        }
    }

    private record Query(String app, Instant now) implements Step {
        @Override
        public Instant at() {
            return now;
        }
    }
}
