package dev.kumo.policies;

import dev.kumo.spi.keepalive.KeepAlivePolicy;
import dev.kumo.spi.keepalive.KeepAlivePolicyProvider;

/**
 * Creates {@link HybridHistogramKeepAlive} under the name {@code hybrid-histogram}. Without an argument it runs
 * with the paper's parameters; an argument overrides some of them as {@link HybridHistogramParameters} describes,
 * e.g. {@code hybrid-histogram:range=2h,min=20}.
 */
public final class HybridHistogramKeepAliveProvider implements KeepAlivePolicyProvider {

    /** The name in config and on the simulator's command line. */
    public static final String NAME = "hybrid-histogram";

    /** Called by {@link java.util.ServiceLoader}. */
    public HybridHistogramKeepAliveProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Parses {@code argument} with {@link HybridHistogramParameters#parse}.
     *
     * @throws IllegalArgumentException if {@code argument} is malformed; the message names the spec
     */
    @Override
    public KeepAlivePolicy create(String argument) {
        try {
            return HybridHistogramKeepAlive.of(HybridHistogramParameters.parse(argument));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "bad keep-alive policy spec '" + NAME + ":" + argument + "': " + e.getMessage(), e);
        }
    }
}
