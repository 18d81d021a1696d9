package dev.kumo.runtime.fn;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.nio.charset.StandardCharsets;

/** Answers raw bytes that are not JSON, which the platform must refuse to pass on as JSON. */
public class NotJson implements Handler<byte[], byte[]> {

    @Override
    public byte[] handle(byte[] input, Context ctx) {
        return "plain text".getBytes(StandardCharsets.UTF_8);
    }
}
