package dev.kumo.spi.keepalive;

/**
 * Creates a {@link KeepAlivePolicy} by name, found with {@link java.util.ServiceLoader}. A spec is
 * {@code name} or {@code name:argument}, e.g. {@code fixed:10m}.
 */
public interface KeepAlivePolicyProvider {

    /** The name used in config, e.g. {@code fixed}. */
    String name();

    /** Creates a policy; {@code argument} is the text after the colon, empty when absent. */
    KeepAlivePolicy create(String argument);
}
