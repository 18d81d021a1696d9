package dev.kumo.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.core.Activation;
import dev.kumo.core.FunctionConfig;
import dev.kumo.core.InvocationRequest;
import dev.kumo.core.InvocationResult;
import dev.kumo.core.Tier;
import dev.kumo.policies.FixedKeepAlive;
import dev.kumo.runtime.testing.FakeStore;
import dev.kumo.spi.keepalive.KeepAlivePolicy;
import dev.kumo.runtime.testing.TestJars;
import dev.kumo.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A dispatcher over a fake store with real jars, plus helpers for the dispatcher tests. */
final class Fixture implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final FakeStore store;
    final Dispatcher dispatcher;
    private final List<String> gates = new ArrayList<>();

    Fixture(Path dir, RuntimeConfig config) {
        this(dir, config, FixedKeepAlive.ofDefault());
    }

    Fixture(Path dir, RuntimeConfig config, KeepAlivePolicy keepAlive) {
        store = new FakeStore(dir);
        dispatcher = Dispatcher.create(config.withReaperInterval(Duration.ZERO).withTimeoutGrace(Duration.ofMillis(100)),
                store, keepAlive, clock, meters);
    }

    Fixture(Path dir) {
        this(dir, RuntimeConfig.defaults());
    }

    /** Deploys {@code handler} (with its nested classes) as {@code name}. */
    void deploy(String name, Class<?> handler, Tier tier, int concurrency, int maxInstances, long timeoutMs) {
        store.deploy(name, TestJars.config(handler, tier, concurrency, maxInstances, timeoutMs), TestJars.of(handler));
    }

    void deploy(String name, Class<?> handler) {
        deploy(name, handler, Tier.ISOLATED, 1, 8, 5_000);
    }

    void deploy(String name, FunctionConfig config, byte[] jar) {
        store.deploy(name, config, jar);
    }

    InvocationResult invoke(String name, String body) {
        return invoke(name, "$LATEST", body);
    }

    InvocationResult invoke(String name, String qualifier, String body) {
        return dispatcher.invoke(new InvocationRequest(name, qualifier, body.getBytes(StandardCharsets.UTF_8),
                clock.instant()));
    }

    /** Invokes {@code $LATEST}, handing an answer at the deadline to {@code early}. */
    InvocationResult invoke(String name, String body, Consumer<InvocationResult> early) {
        return dispatcher.invoke(new InvocationRequest(name, "$LATEST", body.getBytes(StandardCharsets.UTF_8),
                clock.instant()), early);
    }

    /** The output of a successful invocation. */
    static String output(InvocationResult result) {
        assertThat(result).isInstanceOf(InvocationResult.Success.class);
        return new String(((InvocationResult.Success) result).output(), StandardCharsets.UTF_8);
    }

    static JsonNode json(InvocationResult result) {
        return JSON.readTree(output(result));
    }

    static boolean cold(InvocationResult result) {
        return switch (result) {
            case InvocationResult.Success s -> s.coldStart();
            case InvocationResult.FunctionError e -> e.coldStart();
            default -> throw new AssertionError("no cold-start flag in " + result);
        };
    }

    /** A closed gate for {@link dev.kumo.runtime.fn.Gate}: returns the JSON body naming it. */
    String gate(boolean stubborn) {
        String key = (stubborn ? "stubborn:" : "gate:") + UUID.randomUUID();
        System.getProperties().put(key, new CountDownLatch(1));
        gates.add(key);
        return "\"" + key + "\"";
    }

    void open(String gateBody) {
        String key = gateBody.substring(1, gateBody.length() - 1);
        ((CountDownLatch) System.getProperties().get(key)).countDown();
    }

    Activation last() {
        return store.recorded().getLast();
    }

    @Override
    public void close() {
        for (String key : gates) {
            ((CountDownLatch) System.getProperties().get(key)).countDown();
            System.getProperties().remove(key);
        }
        dispatcher.close();
    }
}
