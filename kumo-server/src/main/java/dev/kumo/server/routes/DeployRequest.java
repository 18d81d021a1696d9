package dev.kumo.server.routes;

import java.util.Map;
import java.util.Optional;

/**
 * Body of {@code PUT /v1/functions/{name}}; every field is optional on update (absent keeps the current
 * value), {@code handler} and {@code code} are required on create.
 *
 * @param handler      handler class
 * @param runtime      {@code java}
 * @param code         the jar, base64
 * @param memoryMb     memory per instance
 * @param timeoutMs    timeout per invocation
 * @param concurrency  invocations per instance (shared tier)
 * @param maxInstances instance limit
 * @param tier         {@code isolated} or {@code shared}
 * @param env          environment variables
 * @param description  free text
 */
public record DeployRequest(String handler, String runtime, Code code, Integer memoryMb, Long timeoutMs,
                            Integer concurrency, Integer maxInstances, String tier, Map<String, String> env,
                            String description) {

    /**
     * Inline code.
     *
     * @param jarBase64 the jar, standard base64
     */
    public record Code(String jarBase64) {
    }

    /** The inline code, if any. */
    public Optional<Code> inlineCode() {
        return Optional.ofNullable(code);
    }
}
