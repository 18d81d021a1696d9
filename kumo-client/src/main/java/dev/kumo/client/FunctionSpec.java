package dev.kumo.client;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The configuration a deploy sends. Every field is optional: on create the server fills in defaults (and requires
 * a handler), on update an absent field keeps its value. Build one with {@link #builder()}.
 *
 * @param handler      fully qualified class name of the handler
 * @param memoryMb     memory per instance, 128-10240
 * @param timeoutMs    wall-clock limit of one invocation, 1-900000
 * @param tier         execution tier
 * @param concurrency  invocations one instance serves at once ({@code shared} tier only)
 * @param maxInstances upper bound of live instances
 * @param env          environment variables; present-but-empty clears them on update
 * @param description  free text
 * @param async        retries and destinations of asynchronous invocations; replaces them as a whole
 */
public record FunctionSpec(Optional<String> handler, OptionalInt memoryMb, OptionalLong timeoutMs,
                           Optional<Tier> tier, OptionalInt concurrency, OptionalInt maxInstances,
                           Optional<Map<String, String>> env, Optional<String> description,
                           Optional<AsyncOptions> async, Optional<String> runtime, Optional<String> network) {

    /** A spec that leaves the network as it is. */
    public FunctionSpec(Optional<String> handler, OptionalInt memoryMb, OptionalLong timeoutMs, Optional<Tier> tier,
                        OptionalInt concurrency, OptionalInt maxInstances, Optional<Map<String, String>> env,
                        Optional<String> description, Optional<AsyncOptions> async, Optional<String> runtime) {
        this(handler, memoryMb, timeoutMs, tier, concurrency, maxInstances, env, description, async, runtime,
                Optional.empty());
    }

    /** A spec that leaves the runtime as it is (java for a new function). */
    public FunctionSpec(Optional<String> handler, OptionalInt memoryMb, OptionalLong timeoutMs, Optional<Tier> tier,
                        OptionalInt concurrency, OptionalInt maxInstances, Optional<Map<String, String>> env,
                        Optional<String> description, Optional<AsyncOptions> async) {
        this(handler, memoryMb, timeoutMs, tier, concurrency, maxInstances, env, description, async, Optional.empty());
    }

    /** Copies the environment and rejects nulls. */
    public FunctionSpec {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(memoryMb, "memoryMb");
        Objects.requireNonNull(timeoutMs, "timeoutMs");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(concurrency, "concurrency");
        Objects.requireNonNull(maxInstances, "maxInstances");
        env = env.map(Map::copyOf);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(async, "async");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(network, "network");
    }

    /** A builder with every field absent. */
    public static Builder builder() {
        return new Builder();
    }

    /** A spec with only a handler, enough to create a function with default settings. */
    public static FunctionSpec ofHandler(String handler) {
        return builder().handler(handler).build();
    }

    /** Collects the optional fields of a {@link FunctionSpec}. Not thread-safe. */
    public static final class Builder {
        private Optional<String> handler = Optional.empty();
        private OptionalInt memoryMb = OptionalInt.empty();
        private OptionalLong timeoutMs = OptionalLong.empty();
        private Optional<Tier> tier = Optional.empty();
        private OptionalInt concurrency = OptionalInt.empty();
        private OptionalInt maxInstances = OptionalInt.empty();
        private Optional<Map<String, String>> env = Optional.empty();
        private Optional<String> description = Optional.empty();
        private Optional<AsyncOptions> async = Optional.empty();
        private Optional<String> runtime = Optional.empty();
        private Optional<String> network = Optional.empty();

        private Builder() {
        }

        /** Sets the handler class name. */
        public Builder handler(String value) {
            handler = Optional.of(value);
            return this;
        }

        /** Sets the memory per instance in MB. */
        public Builder memoryMb(int value) {
            memoryMb = OptionalInt.of(value);
            return this;
        }

        /** Sets the invocation timeout in milliseconds. */
        public Builder timeoutMs(long value) {
            timeoutMs = OptionalLong.of(value);
            return this;
        }

        /** Sets the execution tier. */
        public Builder tier(Tier value) {
            tier = Optional.of(value);
            return this;
        }

        /** Sets the per-instance concurrency. */
        public Builder concurrency(int value) {
            concurrency = OptionalInt.of(value);
            return this;
        }

        /** Sets the instance limit. */
        public Builder maxInstances(int value) {
            maxInstances = OptionalInt.of(value);
            return this;
        }

        /** Sets the environment variables, replacing the function's current ones. */
        public Builder env(Map<String, String> value) {
            env = Optional.of(Map.copyOf(value));
            return this;
        }

        /** Sets the description. */
        public Builder description(String value) {
            description = Optional.of(value);
            return this;
        }

        /** Sets the asynchronous retries and destinations, replacing the function's current ones. */
        public Builder async(AsyncOptions value) {
            async = Optional.of(value);
            return this;
        }

        /** Sets the runtime: java, provided, nodejs, python3, or a Lambda runtime id such as nodejs20.x. */
        public Builder runtime(String value) {
            runtime = Optional.of(value);
            return this;
        }

        /** Sets the network of a sandboxed function: {@code none} or {@code egress}. */
        public Builder network(String value) {
            network = Optional.of(value);
            return this;
        }

        /** The spec. */
        public FunctionSpec build() {
            return new FunctionSpec(handler, memoryMb, timeoutMs, tier, concurrency, maxInstances, env, description,
                    async, runtime, network);
        }
    }
}
