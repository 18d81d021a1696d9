package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;

/**
 * Stage 2 of the {@code image-pipeline} workflow, run once per chunk (ExCamera-style parallel encode): renders
 * rows {@code rowStart..rowEnd-1} of a synthetic RGB gradient image, converts them to grayscale, applies a 3x3
 * box blur (edges clamped), posterizes to 16 levels and run-length encodes each row as {@code (count, value)}
 * byte pairs. Returns {@code {"index", "rows", "bytes", "checksum"}}, the CRC32 of the encoded bytes.
 *
 * <p>The image is a pure function of {@code (x, y, width, height)}, so a chunk renders the row above and below
 * it itself instead of waiting for its neighbours, and runs never cross a row: the chunks' bytes, concatenated
 * in order, are exactly those of the whole image encoded as one chunk.
 */
public final class EncodeChunk implements Handler<EncodeChunk.Input, EncodeChunk.Output> {

    /** One band of rows of a {@code width x height} image. */
    public record Input(int index, int width, int height, int rowStart, int rowEnd) {
    }

    /** The encoded band. */
    public record Output(int index, int rows, long bytes, long checksum) {
    }

    @Override
    public Output handle(Input input, Context ctx) {
        if (input == null) {
            throw new IllegalArgumentException("expected {\"index\", \"width\", \"height\", \"rowStart\", \"rowEnd\"}");
        }
        int w = input.width();
        int h = input.height();
        SplitImage.checkImage(w, h);
        if (input.index() < 0 || input.rowStart() < 0 || input.rowStart() >= input.rowEnd() || input.rowEnd() > h) {
            throw new IllegalArgumentException("need index >= 0 and 0 <= rowStart < rowEnd <= height=" + h
                    + ", got index " + input.index() + ", rows " + input.rowStart() + ".." + input.rowEnd());
        }
        byte[] encoded = encode(w, h, input.rowStart(), input.rowEnd());
        var crc = new CRC32();
        crc.update(encoded);
        return new Output(input.index(), input.rowEnd() - input.rowStart(), encoded.length, crc.getValue());
    }

    /** Blurs, posterizes and run-length encodes rows {@code [from, to)}. */
    static byte[] encode(int w, int h, int from, int to) {
        int first = Math.max(0, from - 1);
        int last = Math.min(h - 1, to);
        int[][] gray = new int[last - first + 1][];
        for (int y = first; y <= last; y++) {
            gray[y - first] = grayRow(w, h, y);
        }
        var out = new ByteArrayOutputStream();
        int[] row = new int[w];
        for (int y = from; y < to; y++) {
            for (int x = 0; x < w; x++) {
                int sum = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    int[] src = gray[Math.clamp(y + dy, 0, h - 1) - first];
                    for (int dx = -1; dx <= 1; dx++) {
                        sum += src[Math.clamp(x + dx, 0, w - 1)];
                    }
                }
                row[x] = (sum / 9) & 0xF0;
            }
            runLength(row, out);
        }
        return out.toByteArray();
    }

    /** Row {@code y} of the synthetic image in grayscale (ITU-R BT.601 weights). */
    private static int[] grayRow(int w, int h, int y) {
        int[] row = new int[w];
        int g = w == 1 && h == 1 ? 0 : y * 255 / Math.max(1, h - 1);
        for (int x = 0; x < w; x++) {
            int r = x * 255 / Math.max(1, w - 1);
            int b = ((x / 8) ^ (y / 8)) % 2 == 0 ? 255 : 0;
            row[x] = (77 * r + 150 * g + 29 * b) >> 8;
        }
        return row;
    }

    private static void runLength(int[] row, ByteArrayOutputStream out) {
        int i = 0;
        while (i < row.length) {
            int value = row[i];
            int run = 1;
            while (i + run < row.length && row[i + run] == value && run < 255) {
                run++;
            }
            out.write(run);
            out.write(value);
            i += run;
        }
    }
}
