package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.util.Arrays;
import java.util.Map;

/**
 * Times calls to another function of the same node: {@code {"target":"noop","calls":20000}} makes that
 * many sequential {@code ctx.invoke(target, {"ping":1}, Map.class)} calls and returns each one's
 * nanoseconds. For comparison it then makes as many direct Java calls of the {@link Noop} handler (the
 * code the {@code noop} function runs, with no platform and no JSON between), timed the same way, and
 * reports the clock's own cost (back-to-back {@link System#nanoTime()} reads) so that a direct call's
 * numbers can be read against it. Used by the {@code call-hop} benchmark; not deployed by {@code ./kumo up}.
 */
public final class HopTimer implements Handler<HopTimer.Input, HopTimer.Output> {

    /** Most calls one invocation makes, so that the answer stays well below the sync payload limit. */
    static final int MAX_CALLS = 100_000;

    private static final Map<String, Object> PING = Map.of("ping", 1);
    private static final byte[] PING_JSON = {'{', '"', 'p', 'i', 'n', 'g', '"', ':', '1', '}'};
    private static final int CLOCK_SAMPLES = 1_000;

    /** Keeps the direct calls' results alive, so the compiler cannot drop the calls. */
    private volatile long sink;

    /**
     * The request.
     *
     * @param target the function to call ({@code name} or {@code name:qualifier})
     * @param calls  how many calls to make, 1 to {@link #MAX_CALLS}
     */
    public record Input(String target, int calls) {
    }

    /**
     * The response.
     *
     * @param target      the function called
     * @param calls       calls made of each kind
     * @param clockNanos  median cost of reading the clock twice back to back (the timer's floor)
     * @param hopNanos    each {@code ctx.invoke}, in call order
     * @param directNanos each direct call of the {@link Noop} handler, in call order
     */
    public record Output(String target, int calls, long clockNanos, long[] hopNanos, long[] directNanos) {
    }

    @Override
    public Output handle(Input input, Context ctx) {
        if (input == null || input.target() == null || input.target().isBlank()) {
            throw new IllegalArgumentException("target is required, e.g. {\"target\":\"noop\",\"calls\":1000}");
        }
        int calls = input.calls();
        if (calls < 1 || calls > MAX_CALLS) {
            throw new IllegalArgumentException("calls must be between 1 and " + MAX_CALLS + ", got " + calls);
        }
        long[] hops = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            ctx.invoke(input.target(), PING, Map.class);
            hops[i] = System.nanoTime() - start;
        }
        Noop direct = new Noop();
        long[] directs = new long[calls];
        long kept = 0;
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            byte[] out = direct.handle(PING_JSON, ctx);
            directs[i] = System.nanoTime() - start;
            kept += out.length;
        }
        sink = kept;
        return new Output(input.target(), calls, clockNanos(), hops, directs);
    }

    private static long clockNanos() {
        long[] samples = new long[CLOCK_SAMPLES];
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            samples[i] = System.nanoTime() - start;
        }
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }
}
