package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;

/**
 * A synthetic function for trace replay: holds {@code input.kb} kilobytes while it sleeps {@code input.ms}
 * milliseconds, {@code {"ms":250,"kb":1024}} -> {@code {"sleptMs":250,"kb":1024}}. The memory is touched page by
 * page so that it is really committed, and dropped when the invocation ends. Not listed in
 * {@code functions.json}: the benchmark harness deploys it under its own names.
 */
public final class Replay implements Handler<Replay.Input, Replay.Output> {

    private static final int PAGE = 4096;
    private static final long MAX_KB = 256 * 1024;

    /** The request. */
    public record Input(long ms, long kb) {
    }

    /** The response. */
    public record Output(long sleptMs, long kb) {
    }

    @Override
    public Output handle(Input input, Context ctx) throws InterruptedException {
        long ms = input == null ? 0 : Math.max(0, input.ms());
        long kb = input == null ? 0 : Math.clamp(input.kb(), 0, MAX_KB);
        byte[] held = new byte[(int) (kb * 1024)];
        for (int i = 0; i < held.length; i += PAGE) {
            held[i] = 1;
        }
        Thread.sleep(ms);
        return new Output(ms, held.length / 1024);
    }
}
