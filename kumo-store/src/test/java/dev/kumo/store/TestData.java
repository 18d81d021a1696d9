package dev.kumo.store;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.CodeRef;
import dev.kumo.core.ErrorInfo;
import dev.kumo.core.FunctionConfig;
import dev.kumo.core.Tier;
import dev.kumo.core.event.QueuedInvocation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Values the store tests put in. */
final class TestData {

    static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456789Z");

    private TestData() {
    }

    /** Default options on a clock stopped at {@link #T0}, so that retention keeps records started near it. */
    static StoreOptions options() {
        return StoreOptions.defaults().withClock(new TestClock(T0));
    }

    static FunctionConfig config() {
        return config(256);
    }

    static FunctionConfig config(int memoryMb) {
        return new FunctionConfig("com.example.Hello", "java", memoryMb, 30_000, 16, 64, Tier.SHARED,
                Map.of("GREETING", "hi"), "says hello");
    }

    static CodeRef code(char hexDigit) {
        return new CodeRef(String.valueOf(hexDigit).repeat(64), 1_234);
    }

    static Activation activation(String function, Instant start) {
        return new Activation(ActivationId.random(), function, "$LATEST", ActivationStatus.SUCCESS, false, start,
                1.5, 0, 0.25, 256, 10, 20, Optional.of("{\"ok\":true}"), Optional.empty(), List.of("line"));
    }

    /** An invocation of {@code function} accepted at {@code accepted}, without idempotency key. */
    static QueuedInvocation queued(String function, Instant accepted) {
        return QueuedInvocation.accept(ActivationId.random(), function, "$LATEST",
                "{\"n\":1}".getBytes(StandardCharsets.UTF_8), accepted, "api", Optional.empty(), Optional.empty());
    }

    /** An invocation of {@code function} with idempotency key {@code key} and payload {@code payload}. */
    static QueuedInvocation keyed(String function, Instant accepted, String key, String payload) {
        return QueuedInvocation.accept(ActivationId.random(), function, "$LATEST",
                payload.getBytes(StandardCharsets.UTF_8), accepted, "api", Optional.empty(), Optional.of(key));
    }

    static Activation failed(String function, Instant start) {
        return new Activation(ActivationId.random(), function, "1", ActivationStatus.ERROR, true, start,
                3, 120, 1, 512, 5, 0, Optional.empty(),
                Optional.of(new ErrorInfo("java.lang.IllegalStateException", "boom", List.of("a.B.c(B.java:1)"))),
                List.of());
    }
}
