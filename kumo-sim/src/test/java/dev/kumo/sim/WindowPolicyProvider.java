package dev.kumo.sim;

import dev.kumo.policies.DurationSpec;
import dev.kumo.spi.keepalive.KeepAlivePolicy;
import dev.kumo.spi.keepalive.KeepAlivePolicyProvider;
import dev.kumo.spi.keepalive.KeepAliveWindow;
import java.time.Instant;

/** A test-only policy {@code window:PREWARM/KEEPALIVE} that always answers the same window, pre-warm included. */
public final class WindowPolicyProvider implements KeepAlivePolicyProvider {

    @Override
    public String name() {
        return "window";
    }

    @Override
    public KeepAlivePolicy create(String argument) {
        var parts = argument.split("/");
        var window = new KeepAliveWindow(DurationSpec.parse(parts[0]), DurationSpec.parse(parts[1]));
        return new KeepAlivePolicy() {
            @Override
            public void recordInvocation(String app, Instant start, Instant end) {
            }

            @Override
            public KeepAliveWindow window(String app, Instant now) {
                return window;
            }
        };
    }
}
