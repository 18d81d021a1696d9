package dev.kumo.process;

import dev.kumo.core.Runtimes;
import dev.kumo.core.Tier;
import dev.kumo.process.isolation.Availability;
import dev.kumo.process.isolation.Isolation;
import dev.kumo.spi.executor.FunctionExecutor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The process and sandbox tiers of one node, assembled: the isolation layer detected once, one Runtime API
 * server, the pool of generic worker JVMs and one {@link ProcessExecutor} per available tier. The server hands
 * {@link #executors()} to its dispatcher, asks {@link #unavailable} before accepting a deploy, prints
 * {@link #describe()} at start and closes this after the dispatcher.
 */
public final class ProcessTier implements AutoCloseable {

    private final Map<Tier, Availability> availability;
    private final Map<Tier, ProcessExecutor> executors;
    private final Optional<RuntimeApi> api;
    private final Optional<Isolation> isolation;
    private final Optional<Path> workerHome;

    private ProcessTier(Map<Tier, Availability> availability, Map<Tier, ProcessExecutor> executors,
                        Optional<RuntimeApi> api, Optional<Isolation> isolation, Optional<Path> workerHome) {
        this.availability = availability;
        this.executors = executors;
        this.api = api;
        this.isolation = isolation;
        this.workerHome = workerHome;
    }

    /**
     * Starts both tiers as far as this machine allows: the process tier always (with cgroup limits where cgroups
     * are writable), the sandbox tier where the isolation layer says it can. The worker home is
     * {@code config.workerHome()} or, when empty, found next to this module's jar ({@link #findWorkerHome}).
     */
    public static ProcessTier start(ProcessTierConfig config, InstantSource clock) {
        ProcessTierConfig effective = config.workerHome().isPresent() ? config
                : findWorkerHome().map(config::withWorkerHome).orElse(config);
        Isolation isolation = Isolation.detect(effective.workDir().resolve("isolation"));
        RuntimeApi api = RuntimeApi.create();
        var availability = new EnumMap<Tier, Availability>(Tier.class);
        var executors = new EnumMap<Tier, ProcessExecutor>(Tier.class);
        Confiner processConfiner = Confiner.of(isolation, Tier.PROCESS);
        // generic workers start inside the process tier's cgroups, with their memory size's limits and endpoints
        Optional<JavaWorkerPool> pool = effective.poolMax() > 0 && processConfiner.availability().available()
                ? Optional.of(JavaWorkerPool.create(effective, clock, processConfiner, api))
                : Optional.empty();
        for (Tier tier : List.of(Tier.PROCESS, Tier.SANDBOX)) {
            Confiner confiner = tier == Tier.PROCESS ? processConfiner : Confiner.of(isolation, tier);
            availability.put(tier, confiner.availability());
            if (confiner.availability().available()) {
                executors.put(tier, ProcessExecutor.create(tier, effective, api, confiner, clock,
                        tier == Tier.PROCESS ? pool : Optional.empty()));
            }
        }
        if (!executors.containsKey(Tier.PROCESS)) {
            pool.ifPresent(JavaWorkerPool::close);
        }
        return new ProcessTier(availability, executors, Optional.of(api), Optional.of(isolation),
                effective.workerHome());
    }

    /** Both tiers switched off, for {@code reason} (e.g. {@code --process-tier off}). */
    public static ProcessTier off(String reason) {
        var availability = new EnumMap<Tier, Availability>(Tier.class);
        availability.put(Tier.PROCESS, new Availability.Unavailable(reason));
        availability.put(Tier.SANDBOX, new Availability.Unavailable(reason));
        return new ProcessTier(availability, Map.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The executors of the available tiers, for the dispatcher. */
    public Map<Tier, FunctionExecutor> executors() {
        return Map.copyOf(executors);
    }

    /** Whether {@code tier} (process or sandbox) runs here. */
    public Availability availability(Tier tier) {
        return availability.getOrDefault(tier, new Availability.Available("in the server's JVM"));
    }

    /**
     * Why a function of {@code runtime} cannot run in {@code tier} here, if it cannot: the tier is unavailable, or
     * the runtime's interpreter ({@code node}, {@code python3}) is missing. Empty for the in-JVM tiers.
     */
    public Optional<String> unavailable(Tier tier, String runtime) {
        if (!tier.outOfProcess()) {
            return Optional.empty();
        }
        ProcessExecutor executor = executors.get(tier);
        Availability a = executor == null ? availability(tier) : executor.availability(Runtimes.canonical(runtime));
        return a instanceof Availability.Unavailable(String reason)
                ? Optional.of("the " + tier.wireName() + " tier cannot run " + runtime + " functions on this node: "
                        + reason)
                : Optional.empty();
    }

    /** One line per tier for the startup banner: available with what, or unavailable and why. */
    public List<String> describe() {
        var lines = new ArrayList<String>();
        for (Tier tier : List.of(Tier.PROCESS, Tier.SANDBOX)) {
            Availability a = availability(tier);
            lines.add(tier.wireName() + " tier: " + (a.available() ? "available (" + a.describe() + ")"
                    : "unavailable: " + a.describe()));
        }
        if (executors.containsKey(Tier.PROCESS)) {
            lines.add("java workers: " + workerHome.map(h -> "worker home " + h
                            + (Files.isRegularFile(h.resolve(WorkerRuntimes.AOT_CACHE)) ? " with AOT cache"
                            : " (no AOT cache)"))
                    .orElse("server class path (no worker home found, no AOT cache)"));
        }
        return lines;
    }

    /**
     * The Java worker's home built by this module ({@code kumo-process/target/worker}, holding {@code lib/}):
     * found from where this class was loaded, {@code kumo-process/target/classes}, a jar in
     * {@code kumo-process/target}, or a jar in a sibling module's {@code target/lib} (how {@code ./kumo up} runs).
     */
    public static Optional<Path> findWorkerHome() {
        Path here;
        try {
            here = Path.of(ProcessTier.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        for (Path dir = here.getParent(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("worker"), dir.resolve("kumo-process/target/worker"))) {
                if (Files.isDirectory(candidate.resolve("lib"))) {
                    return Optional.of(candidate.toAbsolutePath().normalize());
                }
            }
            if (here.getNameCount() - dir.getNameCount() >= 4) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Stops every worker (and the generic pool), the Runtime API, and removes cgroups and namespaces. */
    @Override
    public void close() {
        executors.values().forEach(ProcessExecutor::close);
        api.ifPresent(RuntimeApi::close);
        isolation.ifPresent(Isolation::close);
    }
}
