package dev.kumo.core;

import java.util.Map;

/**
 * How a function runs; everything a user sets on deploy except the code itself.
 * Bounds follow AWS Lambda: memory 128-10240 MB, timeout 1 ms - 900 s.
 *
 * @param handler      what to run: a Java class name ({@code pkg.Class} or {@code pkg.Class::method}), a
 *                     {@code file.function} for Node.js and Python, free-form for {@code provided}
 * @param runtime      language runtime, see {@link Runtimes}; stored in canonical form
 * @param memoryMb     memory per instance, counted against the node memory budget
 * @param timeoutMs    wall-clock limit of one invocation
 * @param concurrency  invocations one instance serves at once ({@code shared} tier); 1 for {@code isolated}
 * @param maxInstances upper bound of live instances of one version
 * @param tier         execution tier
 * @param env          environment variables exposed through {@code Context.env()}
 * @param description  free text
 * @param async        retries and destinations of asynchronous invocations
 * @param network      {@code none} (the default of the sandbox tier: a network namespace with nothing but the
 *                     worker's Runtime API endpoint) or {@code egress} (the host's network; the only choice of the
 *                     other tiers, which share the host's network)
 */
public record FunctionConfig(String handler, String runtime, int memoryMb, long timeoutMs, int concurrency,
                             int maxInstances, Tier tier, Map<String, String> env, String description,
                             AsyncConfig async, String network) {

    /** Defaults used when a deploy request leaves a field out. */
    public static final int DEFAULT_MEMORY_MB = 256;
    public static final long DEFAULT_TIMEOUT_MS = 30_000;
    public static final int DEFAULT_SHARED_CONCURRENCY = 16;
    public static final int DEFAULT_MAX_INSTANCES = 64;
    public static final int MIN_MEMORY_MB = 128;
    public static final int MAX_MEMORY_MB = 10_240;
    public static final long MAX_TIMEOUT_MS = 900_000;
    public static final int MAX_CONCURRENCY = 1_000;
    private static final int MAX_ENV_BYTES = 4_096;
    /** A sandboxed function sees no network but its Runtime API endpoint. */
    public static final String NETWORK_NONE = "none";
    /** The function reaches whatever the host reaches. */
    public static final String NETWORK_EGRESS = "egress";

    /** Validates every field; throws {@link InvalidRequestException} naming the first bad one. */
    public FunctionConfig {
        runtime = Runtimes.canonical(runtime);
        Runtimes.checkHandler(runtime, handler);
        InvalidRequestException.require(memoryMb >= MIN_MEMORY_MB && memoryMb <= MAX_MEMORY_MB, "memoryMb",
                "memoryMb must be between " + MIN_MEMORY_MB + " and " + MAX_MEMORY_MB + ", got " + memoryMb);
        InvalidRequestException.require(timeoutMs >= 1 && timeoutMs <= MAX_TIMEOUT_MS, "timeoutMs",
                "timeoutMs must be between 1 and " + MAX_TIMEOUT_MS + ", got " + timeoutMs);
        InvalidRequestException.require(tier != null, "tier", "tier is required");
        InvalidRequestException.require(concurrency >= 1 && concurrency <= MAX_CONCURRENCY, "concurrency",
                "concurrency must be between 1 and " + MAX_CONCURRENCY + ", got " + concurrency);
        InvalidRequestException.require(tier == Tier.SHARED || concurrency == 1, "concurrency",
                "the " + tier.wireName() + " tier serves one invocation per instance; concurrency must be 1, got "
                        + concurrency);
        InvalidRequestException.require(tier.outOfProcess() || !Runtimes.needsProcess(runtime), "tier",
                "runtime '" + runtime + "' runs as a worker process: tier must be process or sandbox, got "
                        + tier.wireName());
        InvalidRequestException.require(maxInstances >= 1 && maxInstances <= MAX_CONCURRENCY, "maxInstances",
                "maxInstances must be between 1 and " + MAX_CONCURRENCY + ", got " + maxInstances);
        env = env == null ? Map.of() : Map.copyOf(env);
        int envBytes = env.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
        InvalidRequestException.require(envBytes <= MAX_ENV_BYTES, "env",
                "env must not exceed " + MAX_ENV_BYTES + " bytes, got " + envBytes);
        env.keySet().forEach(k -> InvalidRequestException.require(k.matches("[A-Za-z_][A-Za-z0-9_]*"), "env",
                "env variable name '" + k + "' must match [A-Za-z_][A-Za-z0-9_]*"));
        description = description == null ? "" : description;
        InvalidRequestException.require(description.length() <= 256, "description",
                "description must not exceed 256 characters");
        async = async == null ? AsyncConfig.DEFAULTS : async;
        network = network == null ? (tier == Tier.SANDBOX ? NETWORK_NONE : NETWORK_EGRESS) : network;
        InvalidRequestException.require(NETWORK_NONE.equals(network) || NETWORK_EGRESS.equals(network), "network",
                "network must be none or egress, got '" + network + "'");
        InvalidRequestException.require(tier == Tier.SANDBOX || NETWORK_EGRESS.equals(network), "network",
                "only the sandbox tier runs without network; the " + tier.wireName()
                        + " tier shares the host's (network must be egress)");
    }

    /** A function with the default network of its tier. */
    public FunctionConfig(String handler, String runtime, int memoryMb, long timeoutMs, int concurrency,
                          int maxInstances, Tier tier, Map<String, String> env, String description,
                          AsyncConfig async) {
        this(handler, runtime, memoryMb, timeoutMs, concurrency, maxInstances, tier, env, description, async, null);
    }

    /** A function with the default asynchronous settings. */
    public FunctionConfig(String handler, String runtime, int memoryMb, long timeoutMs, int concurrency,
                          int maxInstances, Tier tier, Map<String, String> env, String description) {
        this(handler, runtime, memoryMb, timeoutMs, concurrency, maxInstances, tier, env, description,
                AsyncConfig.DEFAULTS);
    }

    /** Invocations a single instance may serve at once. */
    public int perInstanceConcurrency() {
        return tier == Tier.SHARED ? concurrency : 1;
    }

    /** The most invocations of one version that may run at once on a node. */
    public int maxInFlight() {
        return perInstanceConcurrency() * maxInstances;
    }
}
