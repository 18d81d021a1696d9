package dev.kumo.spi.executor;

import dev.kumo.core.FunctionVersion;
import java.nio.file.Path;

/**
 * What to start an instance of.
 *
 * @param version the function version (config, handler, code address)
 * @param code    a local file holding the version's jar, as the code store handed it out
 */
public record InstanceSpec(FunctionVersion version, Path code) {

    /** Rejects missing parts. */
    public InstanceSpec {
        if (version == null || code == null) {
            throw new IllegalArgumentException("version and code are required");
        }
    }
}
