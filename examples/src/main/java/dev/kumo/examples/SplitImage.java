package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 1 of the {@code image-pipeline} workflow: cuts a {@code width x height} image into {@code chunks}
 * bands of whole rows, as even as they come: {@code {"width":4,"height":10,"chunks":3}} -> rows 0-3, 3-6 and
 * 6-10. Each descriptor is the input of one {@link EncodeChunk}.
 */
public final class SplitImage implements Handler<SplitImage.Input, SplitImage.Output> {

    /** The most pixels an image may have. */
    static final long MAX_PIXELS = 4_000_000;
    /** The most chunks an image may be cut into. */
    static final int MAX_CHUNKS = 64;

    /** The request. */
    public record Input(int width, int height, int chunks) {
    }

    /** The chunk descriptors, in image order. */
    public record Output(int width, int height, List<EncodeChunk.Input> chunks) {
    }

    @Override
    public Output handle(Input input, Context ctx) {
        if (input == null) {
            throw new IllegalArgumentException("expected {\"width\": W, \"height\": H, \"chunks\": C}");
        }
        checkImage(input.width(), input.height());
        int c = input.chunks();
        if (c < 1 || c > MAX_CHUNKS || c > input.height()) {
            throw new IllegalArgumentException("chunks must be between 1 and min(" + MAX_CHUNKS + ", height="
                    + input.height() + "), got " + c);
        }
        var chunks = new ArrayList<EncodeChunk.Input>(c);
        for (int i = 0; i < c; i++) {
            int rowStart = (int) ((long) i * input.height() / c);
            int rowEnd = (int) ((long) (i + 1) * input.height() / c);
            chunks.add(new EncodeChunk.Input(i, input.width(), input.height(), rowStart, rowEnd));
        }
        return new Output(input.width(), input.height(), chunks);
    }

    /** Checks an image's size, shared with {@link EncodeChunk}, which may be called on its own. */
    static void checkImage(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("width and height must be at least 1, got " + width + "x" + height);
        }
        if ((long) width * height > MAX_PIXELS) {
            throw new IllegalArgumentException("width*height must be at most " + MAX_PIXELS + ", got "
                    + (long) width * height);
        }
    }
}
