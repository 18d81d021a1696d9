package dev.kumo.store.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads what a {@link BinaryWriter} wrote; reading past the end throws {@link IndexOutOfBoundsException}. */
final class BinaryReader {

    private final byte[] buf;
    private int pos;

    BinaryReader(byte[] buf, int position) {
        this.buf = buf;
        this.pos = position;
    }

    int position() {
        return pos;
    }

    void seek(int position) {
        pos = position;
    }

    byte readByte() {
        return buf[pos++];
    }

    int readInt() {
        int v = (int) BinaryWriter.INT.get(buf, pos);
        pos += 4;
        return v;
    }

    long readLong() {
        long v = (long) BinaryWriter.LONG.get(buf, pos);
        pos += 8;
        return v;
    }

    double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    int readVarInt() {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = buf[pos++];
            v |= (b & 0x7f) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("malformed length at byte " + pos);
    }

    String readString() {
        int length = readVarInt();
        if (length < 0 || length > buf.length - pos) {
            throw new IndexOutOfBoundsException("string of " + length + " bytes at byte " + pos);
        }
        var s = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    byte[] readBytes() {
        return readRaw(readVarInt());
    }

    byte[] readRaw(int length) {
        if (length < 0 || length > buf.length - pos) {
            throw new IndexOutOfBoundsException(length + " bytes at byte " + pos);
        }
        var bytes = Arrays.copyOfRange(buf, pos, pos + length);
        pos += length;
        return bytes;
    }

    List<String> readStrings() {
        int n = readVarInt();
        if (n < 0 || n > buf.length - pos) {
            throw new IndexOutOfBoundsException("list of " + n + " strings at byte " + pos);
        }
        var out = new ArrayList<String>(n);
        for (int i = 0; i < n; i++) {
            out.add(readString());
        }
        return out;
    }
}
