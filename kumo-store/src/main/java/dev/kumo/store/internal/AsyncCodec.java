package dev.kumo.store.internal;

import dev.kumo.core.ActivationId;
import dev.kumo.core.event.CallbackDelivery;
import dev.kumo.core.event.DeadLetter;
import dev.kumo.core.event.QueuedInvocation;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The binary form of the values of the {@link MvAsyncQueue} maps. The first byte names the kind of value
 * and the version of its format; a reader refuses any other. Fields follow in a fixed order, and a reader
 * ignores bytes after those it knows, so that a newer writer may append fields. Encoding a queued
 * invocation with a small payload takes about a microsecond, several times less than JSON, and runs on
 * the caller's thread, not on the I/O thread that every durable write waits for.
 */
public final class AsyncCodec {

    static final byte INVOCATION = 1;
    static final byte DEAD_LETTER = 2;
    static final byte CALLBACK = 3;
    static final byte CLAIM = 4;
    private static final HexFormat HEX = HexFormat.of();
    private static final int SHA_256_BYTES = 32;

    private AsyncCodec() {
    }

    /**
     * The idempotency key of an invocation, held until {@code expiresMicros}.
     *
     * @param activation    the activation id the key maps to
     * @param payloadHash   SHA-256 of its payload, to tell a retry from a conflicting reuse of the key
     * @param expiresMicros when the key may be used again, in microseconds since the epoch
     */
    record Claim(String activation, byte[] payloadHash, long expiresMicros) {
    }

    /** Encodes a queued invocation. */
    public static byte[] encode(QueuedInvocation inv) {
        var out = new BinaryWriter(inv.payload().length + 160);
        out.writeByte(INVOCATION);
        writeId(out, inv.id().value());
        out.writeString(inv.function());
        out.writeString(inv.qualifier());
        out.writeBytes(inv.payload());
        writeInstant(out, inv.accepted());
        writeInstant(out, inv.notBefore());
        out.writeInt(inv.attempts());
        ActivationCodec.writeAttempts(out, inv.history());
        out.writeString(inv.source());
        writeOptional(out, inv.callbackUrl());
        writeOptional(out, inv.idempotencyKey());
        return out.copy(out.position());
    }

    /** Decodes what {@link #encode(QueuedInvocation)} wrote. */
    public static QueuedInvocation decodeInvocation(byte[] bytes) {
        var in = open(bytes, INVOCATION, "queued invocation");
        return new QueuedInvocation(readId(in), in.readString(), in.readString(), in.readBytes(), readInstant(in),
                readInstant(in), in.readInt(), ActivationCodec.readAttempts(in), in.readString(), readOptional(in),
                readOptional(in));
    }

    /** Encodes a dead letter; its invocation is nested with its length, so that either may grow fields. */
    public static byte[] encode(DeadLetter letter) {
        var invocation = encode(letter.invocation());
        var out = new BinaryWriter(invocation.length + 64 + letter.reason().length());
        out.writeByte(DEAD_LETTER);
        out.writeBytes(invocation);
        writeInstant(out, letter.deadLettered());
        out.writeString(letter.reason());
        return out.copy(out.position());
    }

    /** Decodes what {@link #encode(DeadLetter)} wrote. */
    public static DeadLetter decodeDeadLetter(byte[] bytes) {
        var in = open(bytes, DEAD_LETTER, "dead letter");
        return new DeadLetter(decodeInvocation(in.readBytes()), readInstant(in), in.readString());
    }

    /** Encodes a callback delivery. */
    public static byte[] encode(CallbackDelivery delivery) {
        var out = new BinaryWriter(delivery.body().length + delivery.url().length() + 64);
        out.writeByte(CALLBACK);
        writeId(out, delivery.activation().value());
        out.writeString(delivery.url());
        out.writeBytes(delivery.body());
        out.writeInt(delivery.attempts());
        writeInstant(out, delivery.notBefore());
        writeInstant(out, delivery.created());
        return out.copy(out.position());
    }

    /** Decodes what {@link #encode(CallbackDelivery)} wrote. */
    public static CallbackDelivery decodeCallback(byte[] bytes) {
        var in = open(bytes, CALLBACK, "callback delivery");
        return new CallbackDelivery(readId(in), in.readString(), in.readBytes(), in.readInt(), readInstant(in),
                readInstant(in));
    }

    static byte[] encode(Claim claim) {
        var out = new BinaryWriter(1 + 16 + SHA_256_BYTES + 8);
        out.writeByte(CLAIM);
        writeId(out, claim.activation());
        out.writeRaw(claim.payloadHash());
        out.writeLong(claim.expiresMicros());
        return out.copy(out.position());
    }

    static Claim decodeClaim(byte[] bytes) {
        var in = open(bytes, CLAIM, "idempotency claim");
        return new Claim(readId(in).value(), in.readRaw(SHA_256_BYTES), in.readLong());
    }

    private static BinaryReader open(byte[] bytes, byte kind, String what) {
        if (bytes.length == 0 || bytes[0] != kind) {
            throw new IllegalArgumentException("not a " + what + " of format " + kind
                    + (bytes.length == 0 ? "" : " (format byte " + bytes[0] + ")"));
        }
        return new BinaryReader(bytes, 1);
    }

    private static void writeId(BinaryWriter out, String id) {
        out.writeLong(HexFormat.fromHexDigitsToLong(id, 0, 16));
        out.writeLong(HexFormat.fromHexDigitsToLong(id, 16, 32));
    }

    private static ActivationId readId(BinaryReader in) {
        return new ActivationId(HEX.toHexDigits(in.readLong()) + HEX.toHexDigits(in.readLong()));
    }

    private static void writeInstant(BinaryWriter out, Instant instant) {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant readInstant(BinaryReader in) {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void writeOptional(BinaryWriter out, Optional<String> value) {
        out.writeByte(value.isPresent() ? 1 : 0);
        value.ifPresent(out::writeString);
    }

    private static Optional<String> readOptional(BinaryReader in) {
        return in.readByte() != 0 ? Optional.of(in.readString()) : Optional.empty();
    }
}
