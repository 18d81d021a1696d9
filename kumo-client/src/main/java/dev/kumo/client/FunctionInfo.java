package dev.kumo.client;

import dev.kumo.client.internal.Encoder;
import dev.kumo.client.internal.Wire;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A function's {@code $LATEST} or one of its published versions, as the server describes it.
 *
 * @param name         function name
 * @param version      {@code $LATEST} or a version number such as {@code 3}
 * @param handler      fully qualified class name of the handler
 * @param runtime      language runtime, {@code java}
 * @param memoryMb     memory per instance
 * @param timeoutMs    wall-clock limit of one invocation
 * @param concurrency  invocations one instance serves at once
 * @param maxInstances upper bound of live instances
 * @param tier         execution tier
 * @param env          environment variables given to the function
 * @param description  free text, possibly empty
 * @param codeSha256   hex SHA-256 of the deployed jar
 * @param codeSize     size of the deployed jar in bytes
 * @param modified     when this version last changed
 * @param revision     counter that grows with every change of {@code $LATEST}
 * @param async        retries and destinations of asynchronous invocations
 */
public record FunctionInfo(String name, String version, String handler, String runtime, int memoryMb,
                           long timeoutMs, int concurrency, int maxInstances, Tier tier, Map<String, String> env,
                           String description, String codeSha256, long codeSize, Instant modified, long revision,
                           AsyncOptions async) {

    /** A function with the default asynchronous options. */
    public FunctionInfo(String name, String version, String handler, String runtime, int memoryMb, long timeoutMs,
                        int concurrency, int maxInstances, Tier tier, Map<String, String> env, String description,
                        String codeSha256, long codeSize, Instant modified, long revision) {
        this(name, version, handler, runtime, memoryMb, timeoutMs, concurrency, maxInstances, tier, env, description,
                codeSha256, codeSize, modified, revision, AsyncOptions.DEFAULTS);
    }

    /** Copies the environment and rejects nulls. */
    public FunctionInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(tier, "tier");
        env = Map.copyOf(env);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(codeSha256, "codeSha256");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(async, "async");
    }

    /** This function in the API's JSON form, pretty-printed. */
    public String toJson() {
        return Wire.pretty(Encoder.toJson(this));
    }
}
