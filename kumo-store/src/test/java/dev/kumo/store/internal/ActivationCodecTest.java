package dev.kumo.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.ErrorInfo;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActivationCodecTest {

    static final Instant WHEN = Instant.parse("2025-03-01T10:15:30.123456789Z");

    static Activation ok(Instant start) {
        return new Activation(ActivationId.random(), "greeter", "$LATEST", ActivationStatus.SUCCESS, true, start,
                1.25, 30, 0.5, 256, 3, 4, Optional.of("{\"x\":\"ünïcödé ✓ 𝄞\"}"), Optional.empty(),
                List.of("INFO one", "", "WARN €"));
    }

    static Activation timedOut(Instant start) {
        return new Activation(ActivationId.random(), "slow", "7", ActivationStatus.TIMEOUT, false, start, 30_000,
                0, 0, 128, 0, 0, Optional.empty(), Optional.of(new ErrorInfo("Timeout", "too slow", List.of(
                        "a.B.c(B.java:1)", "d.E.f(E.java:2)"))), List.of());
    }

    @Test
    void batchesRoundTripEveryField() {
        var codec = new ActivationCodec();
        var records = List.of(ok(WHEN), timedOut(WHEN.minusSeconds(5)), ok(Instant.EPOCH.minusNanos(1)),
                new Activation(ActivationId.random(), "big", "1", ActivationStatus.REJECTED, false, WHEN, 0, 0, 0, 1,
                        Long.MAX_VALUE, -1, Optional.of("x".repeat(Activation.MAX_RESULT_CHARS)), Optional.of(
                                new ErrorInfo("Throttled", "", List.of())), List.of("y".repeat(100_000))));
        records.forEach(codec::add);
        assertThat(codec.count()).isEqualTo(4);

        var bytes = codec.finish();

        assertThat(ActivationCodec.decode(bytes)).containsExactlyElementsOf(records);
        assertThat(ActivationCodec.count(bytes)).isEqualTo(4);
        assertThat(ActivationCodec.newestMicros(bytes)).isEqualTo(ActivationKeys.micros(WHEN));
        assertThat(codec.count()).as("finish starts a new batch").isZero();
    }

    @Test
    void theEncoderIsReusedBatchAfterBatch() {
        var codec = new ActivationCodec();
        var first = ok(WHEN);
        codec.add(first);
        var one = codec.finish();
        var second = timedOut(WHEN);
        codec.add(second);
        var two = codec.finish();

        assertThat(ActivationCodec.decode(one)).containsExactly(first);
        assertThat(ActivationCodec.decode(two)).containsExactly(second);
    }

    @Test
    void recordsAreCompact() {
        var codec = new ActivationCodec();
        for (int i = 0; i < 100; i++) {
            codec.add(ok(WHEN));
        }
        var json = new JsonCodec().write(ok(WHEN)).length();

        assertThat(codec.finish().length / 100).isLessThan(json / 2);
    }

    @Test
    void readersSkipFieldsThatANewerWriterAppended() {
        var codec = new ActivationCodec();
        var a = ok(WHEN);
        var b = timedOut(WHEN);
        codec.add(a);
        codec.add(b);
        var bytes = codec.finish();
        // Grow the first record by 3 unknown trailing bytes, as a newer format would.
        int length = ByteBuffer.wrap(bytes, ActivationCodec.HEADER, 4).getInt();
        int end = ActivationCodec.HEADER + 4 + length;
        var grown = new byte[bytes.length + 3];
        System.arraycopy(bytes, 0, grown, 0, end);
        System.arraycopy(bytes, end, grown, end + 3, bytes.length - end);
        ByteBuffer.wrap(grown).putInt(ActivationCodec.HEADER, length + 3);

        assertThat(ActivationCodec.decode(grown)).containsExactly(a, b);
    }

    @Test
    void theParentIdRoundTripsBesideTheAttempts() {
        var parent = ActivationId.random();
        var child = withParent(timedOut(WHEN).withAttempts(ActivationStatus.TIMEOUT, 2,
                List.of(ok(WHEN).asAttempt())), parent);
        var orphan = ok(WHEN);

        var decoded = ActivationCodec.decode(codecOf(child, orphan));

        assertThat(decoded).containsExactly(child, orphan);
        assertThat(decoded.getFirst().parentId()).contains(parent);
        assertThat(decoded.getFirst().attempts()).hasSize(1);
        assertThat(decoded.getLast().parentId()).isEmpty();
    }

    @Test
    void recordsWrittenBeforeParentsWereKeptReadWithoutOne() {
        var a = ok(WHEN).withAttempts(ActivationStatus.SUCCESS, 3, List.of());
        var bytes = codecOf(a);
        // Drop the trailing "no parent" byte and shorten the record: the layout of the previous release.
        int length = ByteBuffer.wrap(bytes, ActivationCodec.HEADER, 4).getInt();
        var old = Arrays.copyOf(bytes, bytes.length - 1);
        ByteBuffer.wrap(old).putInt(ActivationCodec.HEADER, length - 1);

        var decoded = ActivationCodec.decode(old);

        assertThat(decoded).containsExactly(a);
        assertThat(decoded.getFirst().parentId()).isEmpty();
        assertThat(decoded.getFirst().attempt()).isEqualTo(3);
    }

    private static Activation withParent(Activation a, ActivationId parent) {
        return new Activation(a.id(), a.function(), a.version(), a.status(), a.coldStart(), a.start(), a.durationMs(),
                a.initMs(), a.queueMs(), a.memoryMb(), a.inputBytes(), a.outputBytes(), a.result(), a.error(), a.logs(),
                a.attempt(), a.attempts(), Optional.of(parent));
    }

    @Test
    void rejectsOtherFormats() {
        var codec = new ActivationCodec();
        codec.add(ok(WHEN));
        var bytes = codec.finish();
        bytes[0] = 2;

        assertThatThrownBy(() -> ActivationCodec.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format byte 2");
        assertThatThrownBy(() -> ActivationCodec.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ActivationCodec.decode(Arrays.copyOf(codecOf(ok(WHEN)), 40)))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static byte[] codecOf(Activation... records) {
        var codec = new ActivationCodec();
        for (var a : records) {
            codec.add(a);
        }
        return codec.finish();
    }
}
