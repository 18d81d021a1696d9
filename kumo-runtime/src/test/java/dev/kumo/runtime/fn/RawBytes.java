package dev.kumo.runtime.fn;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.nio.charset.StandardCharsets;

/** Takes the raw body and answers raw JSON bytes: {@code {"bytes":N}}. */
public class RawBytes implements Handler<byte[], byte[]> {

    @Override
    public byte[] handle(byte[] input, Context ctx) {
        return ("{\"bytes\":" + input.length + "}").getBytes(StandardCharsets.UTF_8);
    }
}
