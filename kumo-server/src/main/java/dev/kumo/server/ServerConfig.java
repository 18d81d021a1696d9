package dev.kumo.server;

import dev.kumo.async.AsyncSettings;
import dev.kumo.runtime.RuntimeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Everything {@code ./kumo up} can be told; see {@code docs/reference/configuration.md}.
 *
 * @param host                 address to bind (loopback by default)
 * @param port                 HTTP port, 0 for any free one
 * @param dataDir              data directory (store file and code blobs)
 * @param examplesJar          jar whose {@code META-INF/kumo/functions.json} lists functions to deploy at start
 * @param keepAlive            keep-alive policy spec, e.g. {@code fixed:10m}
 * @param memoryBudgetMb       node memory budget: the sum of {@code memoryMb} of live instances
 * @param maxInFlight          node-wide limit of invocations running at once
 * @param maxSyncPayloadBytes  largest synchronous invoke body (also of a request to a function URL)
 * @param maxCodeBytes         largest jar upload
 * @param maxActivations       activation records kept
 * @param activationMaxAge     age after which activation records are dropped
 * @param async                queue depth, idempotency window, callback hosts and retry backoff
 * @param maxAsyncPayloadBytes largest asynchronous invoke body (also of a topic event)
 * @param routesPrefix         path under which HTTP routes (function URLs) are served, e.g. {@code /fn}
 * @param maxCallDepth         deepest chain of {@code ctx.invoke} calls (a call at a greater depth is refused)
 * @param maxFanOut            most calls one activation may have running at once
 * @param openWhisk            the OpenWhisk-compatible API: guest key and who may reach it
 * @param process              the process and sandbox tiers: on or off, worker pool, worker home, region
 */
public record ServerConfig(String host, int port, Path dataDir, Optional<Path> examplesJar, String keepAlive,
                           int memoryBudgetMb, int maxInFlight, long maxSyncPayloadBytes, long maxCodeBytes,
                           int maxActivations, Duration activationMaxAge, AsyncSettings async,
                           long maxAsyncPayloadBytes, String routesPrefix, int maxCallDepth, int maxFanOut,
                           OpenWhiskSettings openWhisk, ProcessSettings process) {

    /** The default {@link #maxAsyncPayloadBytes}: 1 MiB. */
    public static final long DEFAULT_MAX_ASYNC_PAYLOAD_BYTES = 1024 * 1024;
    /** The default {@link #routesPrefix}. */
    public static final String DEFAULT_ROUTES_PREFIX = "/fn";

    /** First path segments the REST API uses, which a routes prefix must not take over. */
    private static final Set<String> RESERVED = Set.of("v1", "healthz", "readyz", "metrics");

    /** The defaults of {@code ./kumo up}. */
    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8080, Path.of(".kumo"), Optional.empty(), "fixed:10m", 4096, 256,
                6L * 1024 * 1024, 64L * 1024 * 1024, 10_000, Duration.ofDays(7));
    }

    /** Validates limits and the routes prefix. */
    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (memoryBudgetMb < 128 || maxInFlight < 1 || maxSyncPayloadBytes < 1 || maxCodeBytes < 1
                || maxActivations < 1 || maxAsyncPayloadBytes < 1 || maxCallDepth < 1 || maxFanOut < 1) {
            throw new IllegalArgumentException("limits must be positive (memory budget at least 128 MB)");
        }
        if (routesPrefix == null || !routesPrefix.matches("(/[A-Za-z0-9._~-]+)+")
                || RESERVED.contains(routesPrefix.substring(1).split("/")[0])) {
            throw new IllegalArgumentException("routes prefix must look like /fn (segments of letters, digits, "
                    + "'.', '_', '~', '-'; not under " + RESERVED + "), got '" + routesPrefix + "'");
        }
        if (routesPrefix.equals("/api") || routesPrefix.equals("/api/v1") || routesPrefix.startsWith("/api/v1/")) {
            throw new IllegalArgumentException("routes prefix must not take over the OpenWhisk API (/api, /api/v1), "
                    + "got '" + routesPrefix + "'");
        }
        if (openWhisk == null) {
            throw new IllegalArgumentException("openWhisk settings are required");
        }
        if (process == null) {
            throw new IllegalArgumentException("process settings are required");
        }
    }

    /**
     * A configuration with the default asynchronous settings, async payload limit, routes prefix, call bounds,
     * OpenWhisk and process-tier settings.
     */
    public ServerConfig(String host, int port, Path dataDir, Optional<Path> examplesJar, String keepAlive,
                        int memoryBudgetMb, int maxInFlight, long maxSyncPayloadBytes, long maxCodeBytes,
                        int maxActivations, Duration activationMaxAge) {
        this(host, port, dataDir, examplesJar, keepAlive, memoryBudgetMb, maxInFlight, maxSyncPayloadBytes,
                maxCodeBytes, maxActivations, activationMaxAge, AsyncSettings.defaults(),
                DEFAULT_MAX_ASYNC_PAYLOAD_BYTES, DEFAULT_ROUTES_PREFIX, RuntimeConfig.defaults().maxCallDepth(),
                RuntimeConfig.defaults().maxFanOut(), OpenWhiskSettings.defaults(), ProcessSettings.defaults());
    }

    /** With another port. */
    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, dataDir, examplesJar, keepAlive, memoryBudgetMb, maxInFlight,
                maxSyncPayloadBytes, maxCodeBytes, maxActivations, activationMaxAge, async, maxAsyncPayloadBytes,
                routesPrefix, maxCallDepth, maxFanOut, openWhisk, process);
    }

    /** With another data directory. */
    public ServerConfig withDataDir(Path dir) {
        return new ServerConfig(host, port, dir, examplesJar, keepAlive, memoryBudgetMb, maxInFlight,
                maxSyncPayloadBytes, maxCodeBytes, maxActivations, activationMaxAge, async, maxAsyncPayloadBytes,
                routesPrefix, maxCallDepth, maxFanOut, openWhisk, process);
    }

    /** With examples deployed from {@code jar} at start. */
    public ServerConfig withExamples(Path jar) {
        return new ServerConfig(host, port, dataDir, Optional.of(jar), keepAlive, memoryBudgetMb, maxInFlight,
                maxSyncPayloadBytes, maxCodeBytes, maxActivations, activationMaxAge, async, maxAsyncPayloadBytes,
                routesPrefix, maxCallDepth, maxFanOut, openWhisk, process);
    }

    /** With other runtime limits. */
    public ServerConfig withLimits(int newMemoryBudgetMb, int newMaxInFlight, long newMaxSyncPayloadBytes) {
        return new ServerConfig(host, port, dataDir, examplesJar, keepAlive, newMemoryBudgetMb, newMaxInFlight,
                newMaxSyncPayloadBytes, maxCodeBytes, maxActivations, activationMaxAge, async, maxAsyncPayloadBytes,
                routesPrefix, maxCallDepth, maxFanOut, openWhisk, process);
    }

    /** With another keep-alive policy spec, e.g. {@code hybrid-histogram}. */
    public ServerConfig withKeepAlive(String spec) {
        return new ServerConfig(host, port, dataDir, examplesJar, spec, memoryBudgetMb, maxInFlight,
                maxSyncPayloadBytes, maxCodeBytes, maxActivations, activationMaxAge, async, maxAsyncPayloadBytes,
                routesPrefix, maxCallDepth, maxFanOut, openWhisk, process);
    }

    /** With other asynchronous settings and async payload limit. */
    public ServerConfig withAsync(AsyncSettings settings, long newMaxAsyncPayloadBytes) {
        return new ServerConfig(host, port, dataDir, examplesJar, keepAlive, memoryBudgetMb, maxInFlight,
                maxSyncPayloadBytes, maxCodeBytes, maxActivations, activationMaxAge, settings,
                newMaxAsyncPayloadBytes, routesPrefix, maxCallDepth, maxFanOut, openWhisk, process);
    }

    /** With other asynchronous settings. */
    public ServerConfig withAsync(AsyncSettings settings) {
        return withAsync(settings, maxAsyncPayloadBytes);
    }

    /** With other bounds on calls between functions ({@code ctx.invoke}). */
    public ServerConfig withCallBounds(int depth, int fanOut) {
        return new ServerConfig(host, port, dataDir, examplesJar, keepAlive, memoryBudgetMb, maxInFlight,
                maxSyncPayloadBytes, maxCodeBytes, maxActivations, activationMaxAge, async, maxAsyncPayloadBytes,
                routesPrefix, depth, fanOut, openWhisk, process);
    }

    /** With other OpenWhisk-compatible API settings. */
    public ServerConfig withOpenWhisk(OpenWhiskSettings settings) {
        return new ServerConfig(host, port, dataDir, examplesJar, keepAlive, memoryBudgetMb, maxInFlight,
                maxSyncPayloadBytes, maxCodeBytes, maxActivations, activationMaxAge, async, maxAsyncPayloadBytes,
                routesPrefix, maxCallDepth, maxFanOut, settings, process);
    }

    /** With function URLs served under another prefix. */
    public ServerConfig withRoutesPrefix(String prefix) {
        return new ServerConfig(host, port, dataDir, examplesJar, keepAlive, memoryBudgetMb, maxInFlight,
                maxSyncPayloadBytes, maxCodeBytes, maxActivations, activationMaxAge, async, maxAsyncPayloadBytes,
                prefix, maxCallDepth, maxFanOut, openWhisk, process);
    }

    /** With other process-tier settings. */
    public ServerConfig withProcess(ProcessSettings settings) {
        return new ServerConfig(host, port, dataDir, examplesJar, keepAlive, memoryBudgetMb, maxInFlight,
                maxSyncPayloadBytes, maxCodeBytes, maxActivations, activationMaxAge, async, maxAsyncPayloadBytes,
                routesPrefix, maxCallDepth, maxFanOut, openWhisk, settings);
    }
}
