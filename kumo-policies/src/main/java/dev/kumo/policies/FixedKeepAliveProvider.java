package dev.kumo.policies;

import dev.kumo.spi.keepalive.KeepAlivePolicy;
import dev.kumo.spi.keepalive.KeepAlivePolicyProvider;

/**
 * Creates {@link FixedKeepAlive} under the name {@code fixed}. The argument is a {@link DurationSpec}: {@code fixed}
 * keeps 10 minutes, {@code fixed:30s}, {@code fixed:2h}, {@code fixed:15} (minutes) or {@code fixed:PT10M}.
 */
public final class FixedKeepAliveProvider implements KeepAlivePolicyProvider {

    /** The name in config and on the simulator's command line. */
    public static final String NAME = "fixed";

    /** Called by {@link java.util.ServiceLoader}. */
    public FixedKeepAliveProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Parses {@code argument} as a {@link DurationSpec}; an empty one means {@link FixedKeepAlive#DEFAULT_KEEP_ALIVE}.
     *
     * @throws IllegalArgumentException if {@code argument} is not a non-negative duration; the message names the spec
     */
    @Override
    public KeepAlivePolicy create(String argument) {
        if (argument.isBlank()) {
            return FixedKeepAlive.ofDefault();
        }
        try {
            return FixedKeepAlive.of(DurationSpec.parse(argument));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "bad keep-alive policy spec '" + NAME + ":" + argument + "': " + e.getMessage(), e);
        }
    }
}
