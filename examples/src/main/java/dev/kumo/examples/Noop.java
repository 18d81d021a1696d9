package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;

/** Does nothing and returns {@code null}; measures the platform's own overhead. */
public final class Noop implements Handler<byte[], byte[]> {

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    @Override
    public byte[] handle(byte[] input, Context ctx) {
        return NULL;
    }
}
