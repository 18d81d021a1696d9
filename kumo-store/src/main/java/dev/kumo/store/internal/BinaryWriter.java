package dev.kumo.store.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A growable big-endian byte buffer for {@link ActivationCodec} and {@link AsyncCodec}; strings are a varint
 * length and UTF-8.
 */
final class BinaryWriter {

    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    private int pos;

    BinaryWriter(int initialSize) {
        this.buf = new byte[initialSize];
    }

    int position() {
        return pos;
    }

    void seek(int position) {
        pos = position;
    }

    /** Empties the buffer, replacing it with a smaller one when a huge batch made it grow past {@code keepAtMost}. */
    void clear(int keepAtMost, int initialSize) {
        if (buf.length > keepAtMost) {
            buf = new byte[initialSize];
        }
        pos = 0;
    }

    /** Reserves {@code n} bytes to fill in later; returns where they start. */
    int skip(int n) {
        ensure(n);
        int at = pos;
        pos += n;
        return at;
    }

    /** The buffer itself, valid up to {@link #position}, until the next write. */
    byte[] array() {
        return buf;
    }

    byte[] copy(int end) {
        return Arrays.copyOf(buf, end);
    }

    void writeByte(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    void writeInt(int v) {
        ensure(4);
        INT.set(buf, pos, v);
        pos += 4;
    }

    void patchInt(int at, int v) {
        INT.set(buf, at, v);
    }

    void writeLong(long v) {
        ensure(8);
        LONG.set(buf, pos, v);
        pos += 8;
    }

    void writeDouble(double v) {
        writeLong(Double.doubleToRawLongBits(v));
    }

    void writeVarInt(int v) {
        ensure(5);
        while ((v & ~0x7f) != 0) {
            buf[pos++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    void writeString(String s) {
        var bytes = s.getBytes(StandardCharsets.UTF_8);
        writeVarInt(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    /** A varint length and the bytes. */
    void writeBytes(byte[] bytes) {
        writeVarInt(bytes.length);
        writeRaw(bytes);
    }

    /** The bytes alone: the reader knows how many. */
    void writeRaw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    void writeStrings(List<String> strings) {
        writeVarInt(strings.size());
        for (var s : strings) {
            writeString(s);
        }
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}
