package dev.kumo.server.routes;

import dev.kumo.core.CodeRef;
import dev.kumo.core.FunctionConfig;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.Names;
import dev.kumo.core.Runtimes;
import dev.kumo.core.Tier;
import dev.kumo.runtime.CodeInspector;
import dev.kumo.runtime.Inspection;
import dev.kumo.server.http.ApiException;
import dev.kumo.spi.store.Store;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Creates and updates {@code $LATEST}: merges the request with the current config, validates it, inspects
 * the code (refusing {@code System.exit} and friends), stores the code content-addressed, and retires warm
 * instances of the previous revision. Shared by the JSON and raw-jar routes and by the example deployer.
 */
public final class Deployer {

    private final Store store;
    private final InstantSource clock;
    private final Consumer<FunctionVersion> replaced;
    private final TierCheck tiers;

    /**
     * Whether this node can run functions of a tier and runtime: empty when it can, else the reason (a deploy
     * it refuses gets a 400 naming {@code tier}).
     */
    @FunctionalInterface
    public interface TierCheck {

        /** Why {@code runtime} functions cannot run in {@code tier} here, if they cannot. */
        Optional<String> unavailable(Tier tier, String runtime);
    }

    /**
     * @param store    where functions and code live
     * @param clock    time source for {@code modified}
     * @param replaced called with the new {@code $LATEST} after each change, to drop instances of the old one
     */
    public Deployer(Store store, InstantSource clock, Consumer<FunctionVersion> replaced) {
        this(store, clock, replaced, (tier, runtime) -> Optional.empty());
    }

    /**
     * @param store    where functions and code live
     * @param clock    time source for {@code modified}
     * @param replaced called with the new {@code $LATEST} after each change, to drop instances of the old one
     * @param tiers    refuses functions of tiers (or runtimes) this node cannot run
     */
    public Deployer(Store store, InstantSource clock, Consumer<FunctionVersion> replaced, TierCheck tiers) {
        this.store = store;
        this.clock = clock;
        this.replaced = replaced;
        this.tiers = tiers;
    }

    /**
     * The outcome of a deploy.
     *
     * @param version the stored {@code $LATEST}
     * @param created whether the function is new
     */
    public record Deployed(FunctionVersion version, boolean created) {
    }

    /** Applies {@code request} (and {@code jar}, when new code is given) to function {@code name}. */
    public synchronized Deployed deploy(String name, DeployRequest request, Optional<byte[]> jar) {
        Names.function(name);
        var current = store.functions().get(name, FunctionVersion.LATEST);
        if (current.isEmpty()) {
            InvalidRequestException.require(request.handler() != null, "handler", "handler is required");
            InvalidRequestException.require(jar.isPresent(), "code", "code is required when creating a function");
        }
        var config = merge(current.map(FunctionVersion::config), request);
        tiers.unavailable(config.tier(), config.runtime()).ifPresent(reason -> {
            throw new InvalidRequestException("tier", reason);
        });
        // A function that is its own destination would invoke itself forever, one new invocation per outcome.
        InvalidRequestException.require(!config.async().onSuccess().orElse("").equals(name), "async.onSuccess",
                "a function cannot be its own onSuccess destination");
        InvalidRequestException.require(!config.async().onFailure().orElse("").equals(name), "async.onFailure",
                "a function cannot be its own onFailure destination");
        CodeRef code;
        if (jar.isPresent()) {
            inspect(jar.get(), config);
            code = store.code().put(jar.get());
        } else {
            code = current.orElseThrow().code();
            if (!config.handler().equals(current.get().config().handler())
                    || !config.runtime().equals(current.get().config().runtime())) {
                inspect(read(code), config);
            }
        }
        if (current.isPresent() && current.get().config().equals(config) && current.get().code().equals(code)) {
            return new Deployed(current.get(), false);
        }
        var stored = store.functions().putLatest(name, config, code, clock.instant());
        replaced.accept(stored);
        return new Deployed(stored, current.isEmpty());
    }

    private static FunctionConfig merge(Optional<FunctionConfig> current, DeployRequest r) {
        String runtime = r.runtime() != null ? Runtimes.canonical(r.runtime())
                : current.map(FunctionConfig::runtime).orElse(Runtimes.JAVA);
        Tier tier = r.tier() != null ? Tier.parse(r.tier()) : current.map(FunctionConfig::tier)
                .filter(t -> t.outOfProcess() || !Runtimes.needsProcess(runtime))
                .orElse(Runtimes.needsProcess(runtime) ? Tier.PROCESS : Tier.ISOLATED);
        int defaultConcurrency = tier == Tier.SHARED ? FunctionConfig.DEFAULT_SHARED_CONCURRENCY : 1;
        int concurrency = r.concurrency() != null ? r.concurrency()
                : current.filter(c -> c.tier() == tier).map(FunctionConfig::concurrency).orElse(defaultConcurrency);
        return new FunctionConfig(
                r.handler() != null ? r.handler() : current.map(FunctionConfig::handler).orElse(null),
                runtime,
                r.memoryMb() != null ? r.memoryMb()
                        : current.map(FunctionConfig::memoryMb).orElse(FunctionConfig.DEFAULT_MEMORY_MB),
                r.timeoutMs() != null ? r.timeoutMs()
                        : current.map(FunctionConfig::timeoutMs).orElse(FunctionConfig.DEFAULT_TIMEOUT_MS),
                concurrency,
                r.maxInstances() != null ? r.maxInstances()
                        : current.map(FunctionConfig::maxInstances).orElse(FunctionConfig.DEFAULT_MAX_INSTANCES),
                tier,
                r.env() != null ? r.env() : current.map(FunctionConfig::env).orElse(null),
                r.description() != null ? r.description() : current.map(FunctionConfig::description).orElse(null),
                r.async() != null ? r.async().toConfig() : current.map(FunctionConfig::async).orElse(null),
                r.network() != null ? r.network()
                        : current.filter(c -> c.tier() == tier).map(FunctionConfig::network).orElse(null));
    }

    private static void inspect(byte[] code, FunctionConfig config) {
        if (!Runtimes.JAVA.equals(config.runtime())) {
            ZipCode.check(code, config.runtime(), config.handler());
            return;
        }
        switch (CodeInspector.inspect(code, config.handler())) {
            case Inspection.Ok ok -> { }
            case Inspection.ForbiddenCalls f -> throw new ApiException(HttpResponseStatus.BAD_REQUEST, "ForbiddenCall",
                    "code", "code must not stop the platform: " + f.calls().stream()
                            .map(c -> c.className() + "." + c.methodName() + " calls " + c.target())
                            .collect(Collectors.joining("; ")), java.util.Map.of());
            case Inspection.HandlerMissing m -> throw ApiException.badRequest("handler",
                    "handler class " + m.handler() + " is not in the jar");
            case Inspection.HandlerInvalid i -> throw ApiException.badRequest("handler",
                    "handler " + i.handler() + " cannot be used: " + i.reason());
            case Inspection.NotAJar n -> throw ApiException.badRequest("code", "code is not a valid jar: " + n.reason());
        }
    }

    private byte[] read(CodeRef ref) {
        var path = store.code().path(ref).orElseThrow(() -> new IllegalStateException("code " + ref + " is missing"));
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
