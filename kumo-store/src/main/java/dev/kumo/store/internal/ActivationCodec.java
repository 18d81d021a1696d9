package dev.kumo.store.internal;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.Attempt;
import dev.kumo.core.ErrorInfo;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The binary form of a batch of activations, one {@link ActivationLog} entry: a header (format version,
 * start of the newest record, record count) and the records, each prefixed by its length so that a reader
 * skips fields that a newer writer appended. A typical record takes about 40% of its JSON size and a
 * tenth of the time Jackson takes to write it: writing activations as JSON strings is what made recording
 * costly. An encoder is reused batch after batch by the one writer thread; it is not thread-safe.
 */
public final class ActivationCodec {

    /** The version of the format this code writes; a reader refuses any other. */
    static final byte FORMAT = 1;
    static final int HEADER = 1 + 8 + 4;
    private static final int INITIAL = 64 * 1024;
    private static final int KEEP_AT_MOST = 1024 * 1024;

    private final BinaryWriter out = new BinaryWriter(INITIAL);
    private int count;
    private long newestMicros;

    /** An encoder with an empty batch. */
    public ActivationCodec() {
        reset();
    }

    /** Appends {@code a} to the batch. */
    public void add(Activation a) {
        int lengthAt = out.skip(4);
        out.writeLong(HexFormat.fromHexDigitsToLong(a.id().value(), 0, 16));
        out.writeLong(HexFormat.fromHexDigitsToLong(a.id().value(), 16, 32));
        out.writeString(a.function());
        out.writeString(a.version());
        out.writeByte(a.status().ordinal());
        out.writeByte(a.coldStart() ? 1 : 0);
        out.writeLong(a.start().getEpochSecond());
        out.writeInt(a.start().getNano());
        out.writeDouble(a.durationMs());
        out.writeDouble(a.initMs());
        out.writeDouble(a.queueMs());
        out.writeInt(a.memoryMb());
        out.writeLong(a.inputBytes());
        out.writeLong(a.outputBytes());
        out.writeByte(a.result().isPresent() ? 1 : 0);
        a.result().ifPresent(out::writeString);
        writeError(out, a.error());
        out.writeStrings(a.logs());
        // Added after the first release: readers of older records stop at the logs (see read).
        out.writeInt(a.attempt());
        writeAttempts(out, a.attempts());
        // Added with calls between functions: readers of older records stop at the attempts.
        out.writeByte(a.parentId().isPresent() ? 1 : 0);
        a.parentId().ifPresent(parent -> {
            out.writeLong(HexFormat.fromHexDigitsToLong(parent.value(), 0, 16));
            out.writeLong(HexFormat.fromHexDigitsToLong(parent.value(), 16, 32));
        });
        out.patchInt(lengthAt, out.position() - lengthAt - 4);
        count++;
        newestMicros = Math.max(newestMicros, ActivationKeys.micros(a.start()));
    }

    private static void writeError(BinaryWriter out, Optional<ErrorInfo> error) {
        out.writeByte(error.isPresent() ? 1 : 0);
        error.ifPresent(e -> {
            out.writeString(e.errorType());
            out.writeString(e.message());
            out.writeStrings(e.stackTrace());
        });
    }

    /** Writes the history of an asynchronous invocation (also used by {@link AsyncCodec}). */
    static void writeAttempts(BinaryWriter out, List<Attempt> attempts) {
        out.writeInt(attempts.size());
        for (var attempt : attempts) {
            out.writeInt(attempt.number());
            out.writeByte(attempt.status().ordinal());
            out.writeLong(attempt.start().getEpochSecond());
            out.writeInt(attempt.start().getNano());
            out.writeDouble(attempt.durationMs());
            writeError(out, attempt.error());
            out.writeStrings(attempt.logs());
        }
    }

    /** Reads what {@link #writeAttempts} wrote. */
    static List<Attempt> readAttempts(BinaryReader in) {
        var attempts = new Attempt[in.readInt()];
        for (int i = 0; i < attempts.length; i++) {
            attempts[i] = new Attempt(in.readInt(), status(in.readByte()),
                    Instant.ofEpochSecond(in.readLong(), in.readInt()), in.readDouble(), readError(in),
                    in.readStrings());
        }
        return Arrays.asList(attempts);
    }

    /** Records added since the last {@link #finish}. */
    public int count() {
        return count;
    }

    /** The encoded batch; the encoder starts a new, empty one. */
    public byte[] finish() {
        int end = out.position();
        out.seek(0);
        out.writeByte(FORMAT);
        out.writeLong(newestMicros);
        out.writeInt(count);
        var bytes = out.copy(end);
        reset();
        return bytes;
    }

    private void reset() {
        out.clear(KEEP_AT_MOST, INITIAL);
        out.skip(HEADER);
        count = 0;
        newestMicros = Long.MIN_VALUE;
    }

    /** Start of the newest record of {@code batch}, in microseconds since the epoch, without decoding it. */
    public static long newestMicros(byte[] batch) {
        checkFormat(batch);
        return new BinaryReader(batch, 1).readLong();
    }

    /** Number of records in {@code batch}, without decoding it. */
    public static int count(byte[] batch) {
        checkFormat(batch);
        return new BinaryReader(batch, 1 + 8).readInt();
    }

    /** The activations of {@code batch}, in the order they were added. */
    public static List<Activation> decode(byte[] batch) {
        checkFormat(batch);
        var in = new BinaryReader(batch, 1 + 8);
        var out = new Activation[in.readInt()];
        for (int i = 0; i < out.length; i++) {
            int length = in.readInt();
            int end = in.position() + length;
            out[i] = read(in, end);
            in.seek(end);
        }
        return Arrays.asList(out);
    }

    private static Activation read(BinaryReader in, int end) {
        var hex = HexFormat.of();
        var id = new ActivationId(hex.toHexDigits(in.readLong()) + hex.toHexDigits(in.readLong()));
        var function = in.readString();
        var version = in.readString();
        var status = status(in.readByte());
        boolean cold = in.readByte() != 0;
        var start = Instant.ofEpochSecond(in.readLong(), in.readInt());
        double duration = in.readDouble();
        double init = in.readDouble();
        double queue = in.readDouble();
        int memory = in.readInt();
        long input = in.readLong();
        long output = in.readLong();
        var result = in.readByte() != 0 ? Optional.of(in.readString()) : Optional.<String>empty();
        var error = readError(in);
        var logs = in.readStrings();
        if (in.position() >= end) { // a record written before attempts were kept
            return new Activation(id, function, version, status, cold, start, duration, init, queue, memory, input,
                    output, result, error, logs);
        }
        int attempt = in.readInt();
        var attempts = readAttempts(in);
        // a record written before parents were kept ends here
        var parent = in.position() < end && in.readByte() != 0
                ? Optional.of(new ActivationId(hex.toHexDigits(in.readLong()) + hex.toHexDigits(in.readLong())))
                : Optional.<ActivationId>empty();
        return new Activation(id, function, version, status, cold, start, duration, init, queue, memory, input,
                output, result, error, logs, attempt, attempts, parent);
    }

    private static Optional<ErrorInfo> readError(BinaryReader in) {
        return in.readByte() != 0
                ? Optional.of(new ErrorInfo(in.readString(), in.readString(), in.readStrings()))
                : Optional.empty();
    }

    private static ActivationStatus status(int code) {
        var all = ActivationStatus.values(); // the ordinal is the code: new statuses are only ever appended
        if (code < 0 || code >= all.length) {
            throw new IllegalArgumentException("unknown activation status code " + code);
        }
        return all[code];
    }

    private static void checkFormat(byte[] batch) {
        if (batch.length < HEADER || batch[0] != FORMAT) {
            throw new IllegalArgumentException("not an activation batch of format " + FORMAT
                    + (batch.length == 0 ? "" : " (format byte " + batch[0] + ")"));
        }
    }
}
