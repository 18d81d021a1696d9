package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.util.List;

/**
 * Stage 3 of the {@code image-pipeline} workflow, the fan-in: checks that the {@link EncodeChunk} results are
 * chunks 0..C-1 in order and combines them into {@code {"chunks": C, "bytes": total, "checksum": crc}}, where
 * {@code crc} is the CRC32 of all chunks' bytes concatenated, computed from the chunks' CRCs and lengths alone
 * (zlib's {@code crc32_combine}), so it equals the checksum of the image encoded as one chunk.
 */
public final class StitchChunks implements Handler<List<EncodeChunk.Output>, StitchChunks.Output> {

    /** The stitched image. */
    public record Output(int chunks, long bytes, long checksum) {
    }

    @Override
    public Output handle(List<EncodeChunk.Output> input, Context ctx) {
        if (input == null || input.isEmpty()) {
            throw new IllegalArgumentException("expected a non-empty array of {\"index\", \"rows\", \"bytes\", "
                    + "\"checksum\"}");
        }
        long crc = 0;
        long bytes = 0;
        for (int i = 0; i < input.size(); i++) {
            var chunk = input.get(i);
            if (chunk == null || chunk.index() != i) {
                throw new IllegalArgumentException("element " + i + " must be chunk " + i + ", got "
                        + (chunk == null ? "null" : "chunk " + chunk.index()));
            }
            if (chunk.bytes() < 0 || chunk.checksum() < 0 || chunk.checksum() > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("chunk " + i + " has a bad length or checksum");
            }
            crc = crc32Combine(crc, chunk.checksum(), chunk.bytes());
            bytes += chunk.bytes();
        }
        return new Output(input.size(), bytes, crc);
    }

    /** The CRC32 of {@code A + B} from {@code crc(A)}, {@code crc(B)} and {@code B}'s length (as in zlib). */
    static long crc32Combine(long crc1, long crc2, long len2) {
        if (len2 <= 0) {
            return crc1;
        }
        long[] even = new long[32];
        long[] odd = new long[32];
        odd[0] = 0xEDB88320L; // the CRC-32 polynomial, reflected: the operator for one zero bit
        long row = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits
        long len = len2;
        do {
            square(even, odd); // applies len's lowest bit as a number of zero bytes
            if ((len & 1) != 0) {
                crc1 = times(even, crc1);
            }
            len >>= 1;
            if (len == 0) {
                break;
            }
            square(odd, even);
            if ((len & 1) != 0) {
                crc1 = times(odd, crc1);
            }
            len >>= 1;
        } while (len != 0);
        return crc1 ^ crc2;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] square, long[] matrix) {
        for (int n = 0; n < 32; n++) {
            square[n] = times(matrix, matrix[n]);
        }
    }
}
