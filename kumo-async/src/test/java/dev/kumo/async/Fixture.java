package dev.kumo.async;

import static org.awaitility.Awaitility.await;

import dev.kumo.async.testing.FakeTarget;
import dev.kumo.async.testing.MemoryStore;
import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.event.Enqueued;
import dev.kumo.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.core.ConditionFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A runtime over an in-memory store and a scripted target, on a manual clock; closes what it started. */
final class Fixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    final ManualClock clock = ManualClock.at(T0);
    final MemoryStore store;
    final FakeTarget target;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AsyncSettings settings;
    AsyncRuntime runtime;

    /** An empty store; queues of at most 100; retries after 1-5 ms; callbacks to loopback, 3 tries. */
    Fixture() {
        this(new MemoryStore(), 100);
    }

    Fixture(MemoryStore store, int maxQueueDepth) {
        this(store, maxQueueDepth, AsyncSettings.defaults().maxQueuedBytes());
    }

    Fixture(MemoryStore store, int maxQueueDepth, long maxQueuedBytes) {
        this.store = store;
        this.target = new FakeTarget(store.activations());
        this.settings = new AsyncSettings(maxQueueDepth, maxQueuedBytes, Duration.ofHours(24),
                Set.of("127.0.0.1", "localhost"), Duration.ofMillis(1), Duration.ofMillis(5), 3);
    }

    AsyncRuntime start() {
        runtime = AsyncRuntime.start(settings, store, target, clock, meters);
        return runtime;
    }

    Enqueued invoke(String function, String payload) {
        return runtime.invoke(request(function, payload, Optional.empty(), Optional.empty()));
    }

    static AsyncRequest request(String function, String payload, Optional<String> key, Optional<String> callback) {
        return new AsyncRequest(function, FunctionVersion.LATEST, payload.getBytes(StandardCharsets.UTF_8), key,
                callback, "api");
    }

    /** Waits until the activation's latest record has {@code status}, and returns it. */
    Activation awaitStatus(ActivationId id, ActivationStatus status) {
        awaitAll(List.of(id), status);
        return store.activation(id);
    }

    /** Waits until the latest record of every activation of {@code ids} has {@code status}. */
    void awaitAll(List<ActivationId> ids, ActivationStatus status) {
        quickly().until(() -> ids.stream().allMatch(id -> store.activations().get(id)
                .filter(a -> a.status() == status).isPresent()));
    }

    /** Awaitility polling every few milliseconds, for up to 5 s. */
    static ConditionFactory quickly() {
        return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(5));
    }

    /** The value of the untagged gauge {@code name}. */
    double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    double counter(String name, String tagKey, String tagValue) {
        var counter = meters.find(name).tag(tagKey, tagValue).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        if (runtime != null) {
            runtime.close();
        }
    }
}
