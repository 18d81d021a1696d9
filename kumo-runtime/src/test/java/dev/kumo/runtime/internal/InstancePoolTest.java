package dev.kumo.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.core.ActivationId;
import dev.kumo.core.CodeRef;
import dev.kumo.core.FunctionConfig;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.RejectReason;
import dev.kumo.core.Tier;
import dev.kumo.policies.FixedKeepAlive;
import dev.kumo.runtime.PoolSnapshot;
import dev.kumo.spi.keepalive.KeepAlivePolicy;
import dev.kumo.spi.keepalive.KeepAliveWindow;
import dev.kumo.spi.store.CodeStore;
import dev.kumo.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class InstancePoolTest {

    private static final CodeRef CODE = new CodeRef("0".repeat(64), 1);
    private static final CodeStore CODE_STORE = new CodeStore() {
        @Override
        public CodeRef put(byte[] code) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Path> path(CodeRef ref) {
            return Optional.of(Path.of("unused.jar"));
        }
    };

    private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    private final FakeExecutor executor = new FakeExecutor();

    @Test
    void reusesAWarmInstance() {
        var pool = pool(1024, FixedKeepAlive.ofDefault());
        var version = version("a", Tier.ISOLATED, 1, 4);

        var first = leased(pool.acquire(version, id(), deadline()));
        pool.release(first.slot(), now(), now());
        var second = leased(pool.acquire(version, id(), deadline()));

        assertThat(first.coldStart()).isTrue();
        assertThat(second.coldStart()).isFalse();
        assertThat(second.slot()).isSameAs(first.slot());
        assertThat(executor.starts).hasValue(1);
    }

    @Test
    void isolatedInstancesServeOneInvocationEachUpToMaxInstances() {
        var pool = pool(1024, FixedKeepAlive.ofDefault());
        var version = version("a", Tier.ISOLATED, 1, 2);

        var first = leased(pool.acquire(version, id(), deadline()));
        var second = leased(pool.acquire(version, id(), deadline()));
        var third = pool.acquire(version, id(), deadline());

        assertThat(second.slot()).isNotSameAs(first.slot());
        assertThat(third).isInstanceOfSatisfying(Acquisition.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.MAX_INSTANCES));
        assertThat(pool.snapshot()).isEqualTo(new PoolSnapshot(0, 2, 256, 1024));
    }

    @Test
    void sharedInstancesPackOntoTheBusiestInstanceWithAFreeSlot() {
        var pool = pool(1024, FixedKeepAlive.ofDefault());
        var version = version("s", Tier.SHARED, 3, 2);

        var a1 = leased(pool.acquire(version, id(), deadline()));
        var a2 = leased(pool.acquire(version, id(), deadline()));
        var a3 = leased(pool.acquire(version, id(), deadline()));
        var b1 = leased(pool.acquire(version, id(), deadline()));
        assertThat(a2.slot()).isSameAs(a1.slot());
        assertThat(a3.slot()).isSameAs(a1.slot());
        assertThat(b1.slot()).isNotSameAs(a1.slot());

        pool.release(a3.slot(), now(), now());
        var next = leased(pool.acquire(version, id(), deadline()));

        assertThat(next.slot()).as("busy 2 beats busy 1").isSameAs(a1.slot());
        assertThat(executor.starts).hasValue(2);
    }

    @Test
    void rejectsForMemoryWhenBusyInstancesHoldTheBudget() {
        var pool = pool(256, FixedKeepAlive.ofDefault());
        leased(pool.acquire(version("a", Tier.ISOLATED, 1, 8), id(), deadline()));
        leased(pool.acquire(version("a", Tier.ISOLATED, 1, 8), id(), deadline()));

        var rejected = pool.acquire(version("b", Tier.ISOLATED, 1, 8), id(), deadline());

        assertThat(rejected).isInstanceOfSatisfying(Acquisition.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.MEMORY));
        assertThat(executor.instances).noneMatch(i -> i.closed);
        assertThat(pool.snapshot().memoryUsedMb()).isEqualTo(256);
    }

    @Test
    void evictsTheLeastRecentlyUsedIdleInstanceOfAnyFunctionToMakeRoom() {
        var pool = pool(256, FixedKeepAlive.ofDefault());
        var a = leased(pool.acquire(version("a", Tier.ISOLATED, 1, 8), id(), deadline()));
        var b = leased(pool.acquire(version("b", Tier.ISOLATED, 1, 8), id(), deadline()));
        pool.release(a.slot(), now(), now());
        pool.release(b.slot(), now(), now());
        leased(pool.acquire(version("b", Tier.ISOLATED, 1, 8), id(), deadline()));
        pool.release(b.slot(), now(), now());

        var c = leased(pool.acquire(version("c", Tier.ISOLATED, 1, 8), id(), deadline()));

        assertThat(c.coldStart()).isTrue();
        assertThat(executor.instances.get(0).closed).as("a was least recently used").isTrue();
        assertThat(executor.instances.get(1).closed).isFalse();
        assertThat(pool.snapshot()).isEqualTo(new PoolSnapshot(1, 1, 256, 256));
    }

    @Test
    void unloadsIdleInstancesWhenTheirKeepAliveEnds() {
        var pool = pool(1024, FixedKeepAlive.of(Duration.ofMinutes(10)));
        var lease = leased(pool.acquire(version("a", Tier.ISOLATED, 1, 8), id(), deadline()));
        pool.release(lease.slot(), now(), now());

        assertThat(pool.evictExpired(clock.advance(Duration.ofMinutes(9)))).isZero();
        assertThat(pool.snapshot().idleInstances()).isEqualTo(1);
        assertThat(pool.evictExpired(clock.advance(Duration.ofMinutes(1)))).isEqualTo(1);

        assertThat(executor.instances.getFirst().closed).isTrue();
        assertThat(pool.snapshot()).isEqualTo(new PoolSnapshot(0, 0, 0, 1024));
        assertThat(pool.takeDropped()).isTrue();
    }

    @Test
    void preWarmingUnloadsAtOnceAndReloadsForTheKeepAliveSpan() {
        KeepAlivePolicy policy = new KeepAlivePolicy() {
            @Override
            public void recordInvocation(String app, Instant start, Instant end) {
            }

            @Override
            public KeepAliveWindow window(String app, Instant now) {
                return new KeepAliveWindow(Duration.ofMinutes(5), Duration.ofMinutes(2));
            }
        };
        var pool = pool(1024, policy);
        var version = version("p", Tier.ISOLATED, 1, 8);
        var lease = leased(pool.acquire(version, id(), deadline()));
        pool.release(lease.slot(), now(), now());

        assertThat(executor.instances.getFirst().closed).as("unloaded at once").isTrue();
        pool.evictExpired(clock.advance(Duration.ofMinutes(4)));
        assertThat(executor.starts).hasValue(1);

        pool.evictExpired(clock.advance(Duration.ofMinutes(1)));
        await().until(() -> pool.snapshot().idleInstances() == 1);
        assertThat(executor.starts).hasValue(2);

        assertThat(pool.evictExpired(clock.advance(Duration.ofMinutes(2)))).isEqualTo(1);
        assertThat(pool.snapshot()).isEqualTo(new PoolSnapshot(0, 0, 0, 1024));
    }

    @Test
    void aPreWarmedInstanceServesTheNextInvocationWarm() {
        KeepAlivePolicy policy = new KeepAlivePolicy() {
            @Override
            public void recordInvocation(String app, Instant start, Instant end) {
            }

            @Override
            public KeepAliveWindow window(String app, Instant now) {
                return new KeepAliveWindow(Duration.ofMinutes(5), Duration.ofMinutes(2));
            }
        };
        var pool = pool(1024, policy);
        var version = version("p", Tier.ISOLATED, 1, 8);
        pool.release(leased(pool.acquire(version, id(), deadline())).slot(), now(), now());
        pool.evictExpired(clock.advance(Duration.ofMinutes(5)));
        await().until(() -> pool.snapshot().idleInstances() == 1);

        assertThat(leased(pool.acquire(version, id(), deadline())).coldStart()).isFalse();
    }

    @Test
    void retiringDropsIdleInstancesAtOnceAndBusyOnesOnRelease() {
        var pool = pool(1024, FixedKeepAlive.ofDefault());
        var version = version("a", Tier.ISOLATED, 1, 8);
        var idle = leased(pool.acquire(version, id(), deadline()));
        var busy = leased(pool.acquire(version, id(), deadline()));
        pool.release(idle.slot(), now(), now());

        pool.retire("a");

        assertThat(executor.instances.get(0).closed).isTrue();
        assertThat(executor.instances.get(1).closed).isFalse();
        assertThat(pool.snapshot()).isEqualTo(new PoolSnapshot(0, 1, 128, 1024));
        assertThat(leased(pool.acquire(version, id(), deadline())).coldStart()).as("retired never reused").isTrue();

        pool.release(busy.slot(), now(), now());
        assertThat(executor.instances.get(1).closed).isTrue();
    }

    @Test
    void redeployingTheDraftRetiresOnlyItsOlderRevisions() {
        var pool = pool(1024, FixedKeepAlive.ofDefault());
        var draft1 = version("d", Tier.ISOLATED, 1, 8);
        var published = new FunctionVersion("d", "1", draft1.config(), CODE, Instant.EPOCH, 1);
        var draft2 = new FunctionVersion("d", FunctionVersion.LATEST, draft1.config(), CODE, Instant.EPOCH, 2);
        pool.release(leased(pool.acquire(draft1, id(), deadline())).slot(), now(), now());
        pool.release(leased(pool.acquire(published, id(), deadline())).slot(), now(), now());

        pool.retireOlderDrafts(draft2);

        assertThat(executor.instances.get(0).closed).as("old draft revision").isTrue();
        assertThat(executor.instances.get(1).closed).as("published version").isFalse();
        assertThat(leased(pool.acquire(published, id(), deadline())).coldStart()).isFalse();
    }

    @Test
    void discardsAnInstanceWhoseTimedOutInvocationOutlivesTheGracePeriod() {
        var pool = pool(1024, FixedKeepAlive.ofDefault());
        var version = version("t", Tier.ISOLATED, 1, 8);
        var stuck = leased(pool.acquire(version, id(), deadline()));
        var ended = new CompletableFuture<Void>();

        pool.releaseAfterTimeout(stuck.slot(), ended, now(), now());

        await().until(() -> stuck.slot().retired);
        var replacement = leased(pool.acquire(version, id(), deadline()));
        assertThat(replacement.slot()).isNotSameAs(stuck.slot());
        assertThat(pool.snapshot().memoryUsedMb()).as("stuck thread still counted").isEqualTo(256);

        ended.complete(null);
        await().until(() -> pool.snapshot().memoryUsedMb() == 128);
        assertThat(executor.instances.getFirst().closed).isTrue();
    }

    @Test
    void keepsAnInstanceWhoseTimedOutInvocationStopsWithinTheGracePeriod() {
        var pool = pool(1024, FixedKeepAlive.ofDefault());
        var version = version("t", Tier.ISOLATED, 1, 8);
        var lease = leased(pool.acquire(version, id(), deadline()));

        pool.releaseAfterTimeout(lease.slot(), CompletableFuture.completedFuture(null), now(), now());

        await().until(() -> pool.snapshot().idleInstances() == 1);
        assertThat(leased(pool.acquire(version, id(), deadline())).slot()).isSameAs(lease.slot());
    }

    @Test
    void aFailedStartFreesItsMemory() {
        executor.failStarts = true;
        var pool = pool(1024, FixedKeepAlive.ofDefault());

        var result = pool.acquire(version("f", Tier.ISOLATED, 1, 8), id(), deadline());

        assertThat(result).isInstanceOfSatisfying(Acquisition.StartFailed.class, f -> {
            assertThat(f.coldStart()).isTrue();
            assertThat(f.error().message()).isEqualTo("nope");
            assertThat(f.logs()).containsExactly("init log");
        });
        assertThat(pool.snapshot()).isEqualTo(new PoolSnapshot(0, 0, 0, 1024));
    }

    @Test
    void concurrentCallersJoinASharedInstanceThatIsStillStarting() throws Exception {
        executor.startGate = new CountDownLatch(1);
        var pool = pool(1024, FixedKeepAlive.ofDefault());
        var version = version("s", Tier.SHARED, 4, 8);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var first = threads.submit(() -> pool.acquire(version, id(), deadline()));
            await().until(() -> executor.starts.get() == 1);
            var second = threads.submit(() -> pool.acquire(version, id(), deadline()));
            await().until(() -> pool.snapshot().busyInstances() == 1 && !second.isDone());

            executor.startGate.countDown();

            var a = leased(first.get());
            var b = leased(second.get());
            assertThat(a.coldStart()).isTrue();
            assertThat(b.coldStart()).isFalse();
            assertThat(b.slot()).isSameAs(a.slot());
            assertThat(executor.starts).hasValue(1);
        }
    }

    private InstancePool pool(int budgetMb, KeepAlivePolicy policy) {
        return new InstancePool(Map.of(Tier.ISOLATED, executor, Tier.SHARED, executor), CODE_STORE, policy, clock,
                budgetMb, Duration.ofMillis(50));
    }

    private static FunctionVersion version(String name, Tier tier, int concurrency, int maxInstances) {
        var config = new FunctionConfig("fn.Handler", "java", 128, 1_000, concurrency, maxInstances, tier, Map.of(), "");
        return new FunctionVersion(name, FunctionVersion.LATEST, config, CODE, Instant.EPOCH, 1);
    }

    private static Acquisition.Leased leased(Acquisition acquisition) {
        assertThat(acquisition).isInstanceOf(Acquisition.Leased.class);
        return (Acquisition.Leased) acquisition;
    }

    private static ActivationId id() {
        return ActivationId.random();
    }

    private Instant now() {
        return clock.instant();
    }

    private Instant deadline() {
        return clock.instant().plusSeconds(1);
    }
}
