package dev.kumo.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.Attempt;
import dev.kumo.core.ErrorInfo;
import dev.kumo.core.event.CallbackDelivery;
import dev.kumo.core.event.DeadLetter;
import dev.kumo.core.event.QueuedInvocation;
import dev.kumo.store.internal.AsyncCodec.Claim;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AsyncCodecTest {

    static final Instant WHEN = Instant.parse("2025-03-01T10:15:30.123456789Z");

    /** A retried invocation with every optional field present and a history of two attempts. */
    static QueuedInvocation retried() {
        var timeout = new Attempt(1, ActivationStatus.TIMEOUT, WHEN, 30_000, Optional.of(
                new ErrorInfo("Timeout", "too slow", List.of("a.B.c(B.java:1)"))), List.of("INFO ✓ 𝄞", ""));
        var error = new Attempt(2, ActivationStatus.ERROR, WHEN.plusSeconds(61), 1.5, Optional.empty(), List.of());
        return new QueuedInvocation(ActivationId.random(), "resize", "live",
                "{\"image\":\"ünïcödé\"}".getBytes(StandardCharsets.UTF_8), WHEN, WHEN.plusSeconds(180), 2,
                List.of(timeout, error), "topic:uploads", Optional.of("https://hooks.example.com/done"),
                Optional.of("order-42"));
    }

    /** A fresh invocation with an empty payload and no optional field. */
    static QueuedInvocation bare() {
        return QueuedInvocation.accept(ActivationId.random(), "f", "$LATEST", new byte[0], Instant.EPOCH.minusNanos(1),
                "api", Optional.empty(), Optional.empty());
    }

    @Test
    void queuedInvocationsRoundTripEveryField() {
        for (var inv : List.of(retried(), bare())) {
            assertThat(AsyncCodec.decodeInvocation(AsyncCodec.encode(inv))).usingRecursiveComparison().isEqualTo(inv);
        }
    }

    @Test
    void deadLettersRoundTrip() {
        var letter = new DeadLetter(retried(), WHEN.plusSeconds(600), "retries exhausted after 3 attempts");
        var empty = new DeadLetter(bare(), Instant.EPOCH, "");

        assertThat(AsyncCodec.decodeDeadLetter(AsyncCodec.encode(letter))).usingRecursiveComparison().isEqualTo(letter);
        assertThat(AsyncCodec.decodeDeadLetter(AsyncCodec.encode(empty))).usingRecursiveComparison().isEqualTo(empty);
    }

    @Test
    void callbackDeliveriesRoundTrip() {
        var delivery = new CallbackDelivery(ActivationId.random(), "https://hooks.example.com/done?x=1",
                "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8), 3, WHEN.plusSeconds(30), WHEN);
        var empty = new CallbackDelivery(ActivationId.random(), "http://h", new byte[0], 0, WHEN, WHEN);

        assertThat(AsyncCodec.decodeCallback(AsyncCodec.encode(delivery))).usingRecursiveComparison()
                .isEqualTo(delivery);
        assertThat(AsyncCodec.decodeCallback(AsyncCodec.encode(empty))).usingRecursiveComparison().isEqualTo(empty);
    }

    @Test
    void claimsRoundTrip() {
        var hash = new byte[32];
        Arrays.fill(hash, (byte) 0xab);
        var claim = new Claim(ActivationId.random().value(), hash, Long.MIN_VALUE + 1);

        assertThat(AsyncCodec.decodeClaim(AsyncCodec.encode(claim))).usingRecursiveComparison().isEqualTo(claim);
    }

    @Test
    void readersIgnoreFieldsAppendedByANewerWriter() {
        var inv = retried();
        var bytes = AsyncCodec.encode(inv);
        var longer = Arrays.copyOf(bytes, bytes.length + 7);

        assertThat(AsyncCodec.decodeInvocation(longer)).usingRecursiveComparison().isEqualTo(inv);
    }

    @Test
    void refusesAnotherKindOfValue() {
        var delivery = AsyncCodec.encode(new CallbackDelivery(ActivationId.random(), "http://h", new byte[0], 0,
                WHEN, WHEN));

        assertThatThrownBy(() -> AsyncCodec.decodeInvocation(delivery))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a queued invocation of format 1 (format byte 3)");
        assertThatThrownBy(() -> AsyncCodec.decodeDeadLetter(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a dead letter of format 2");
    }
}
