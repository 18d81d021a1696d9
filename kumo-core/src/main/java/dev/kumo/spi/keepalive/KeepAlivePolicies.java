package dev.kumo.spi.keepalive;

import java.util.ServiceLoader;
import java.util.TreeSet;

/** Looks up keep-alive policies by the spec used in config and on the simulator's command line. */
public final class KeepAlivePolicies {

    private KeepAlivePolicies() {
    }

    /**
     * Creates the policy named by {@code spec} ({@code name} or {@code name:argument}).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static KeepAlivePolicy create(String spec) {
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        String argument = colon < 0 ? "" : spec.substring(colon + 1);
        var known = new TreeSet<String>();
        for (var provider : ServiceLoader.load(KeepAlivePolicyProvider.class)) {
            if (provider.name().equals(name)) {
                return provider.create(argument);
            }
            known.add(provider.name());
        }
        throw new IllegalArgumentException("unknown keep-alive policy '" + name + "'; known: " + known);
    }
}
