package dev.kumo.server.routes;

import java.util.Map;
import java.util.Optional;

/**
 * Body of {@code PUT /v1/functions/{name}}; every field is optional on update (absent keeps the current
 * value), {@code handler} and {@code code} are required on create.
 *
 * @param handler      handler (class, {@code pkg.Class::method}, {@code file.function})
 * @param runtime      {@code java}, {@code provided}, {@code nodejs}, {@code python3} or a Lambda runtime id
 * @param code         the jar, base64
 * @param memoryMb     memory per instance
 * @param timeoutMs    timeout per invocation
 * @param concurrency  invocations per instance (shared tier)
 * @param maxInstances instance limit
 * @param tier         {@code isolated}, {@code shared}, {@code process} or {@code sandbox}
 * @param env          environment variables
 * @param description  free text
 * @param async        retries and destinations of asynchronous invocations; replaces them as a whole (an
 *                     omitted field takes its default), absent keeps them
 * @param network      {@code none} or {@code egress} (sandbox tier only; the others have the host's network)
 */
public record DeployRequest(String handler, String runtime, Code code, Integer memoryMb, Long timeoutMs,
                            Integer concurrency, Integer maxInstances, String tier, Map<String, String> env,
                            String description, Async async, String network) {

    /** A request that leaves the network as it is. */
    public DeployRequest(String handler, String runtime, Code code, Integer memoryMb, Long timeoutMs,
                         Integer concurrency, Integer maxInstances, String tier, Map<String, String> env,
                         String description, Async async) {
        this(handler, runtime, code, memoryMb, timeoutMs, concurrency, maxInstances, tier, env, description, async,
                null);
    }

    /** A request that leaves the asynchronous settings as they are. */
    public DeployRequest(String handler, String runtime, Code code, Integer memoryMb, Long timeoutMs,
                         Integer concurrency, Integer maxInstances, String tier, Map<String, String> env,
                         String description) {
        this(handler, runtime, code, memoryMb, timeoutMs, concurrency, maxInstances, tier, env, description, null);
    }

    /**
     * The {@code async} object.
     *
     * @param maxRetries         retries after a failed attempt, 0-10, default 2
     * @param maxEventAgeSeconds oldest an invocation may grow before it is dead-lettered, 60-21600, default 21600
     * @param onSuccess          function invoked with a record of each success
     * @param onFailure          function invoked with a record of each dead-lettered invocation
     */
    public record Async(Integer maxRetries, Integer maxEventAgeSeconds, String onSuccess, String onFailure) {

        /** The core configuration, validated (a 400 naming {@code async.FIELD}). */
        public dev.kumo.core.AsyncConfig toConfig() {
            return new dev.kumo.core.AsyncConfig(
                    maxRetries != null ? maxRetries : dev.kumo.core.AsyncConfig.DEFAULT_MAX_RETRIES,
                    maxEventAgeSeconds != null ? maxEventAgeSeconds
                            : dev.kumo.core.AsyncConfig.DEFAULT_MAX_EVENT_AGE_SECONDS,
                    Optional.ofNullable(onSuccess).filter(s -> !s.isEmpty()),
                    Optional.ofNullable(onFailure).filter(s -> !s.isEmpty()));
        }
    }

    /**
     * Inline code: exactly one of the two fields.
     *
     * @param jarBase64 the jar of a {@code java} function, standard base64
     * @param zipBase64 the zip of a {@code provided}, {@code nodejs} or {@code python3} function, standard base64
     */
    public record Code(String jarBase64, String zipBase64) {
    }

    /** The inline code, if any. */
    public Optional<Code> inlineCode() {
        return Optional.ofNullable(code);
    }
}
