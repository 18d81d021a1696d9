package dev.kumo.process;

import dev.kumo.core.ActivationId;
import dev.kumo.core.ErrorInfo;
import dev.kumo.core.FunctionArn;
import dev.kumo.core.FunctionConfig;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Runtimes;
import dev.kumo.core.Tier;
import dev.kumo.process.isolation.Availability;
import dev.kumo.process.isolation.FunctionNetwork;
import dev.kumo.process.isolation.NetworkPolicy;
import dev.kumo.process.worker.WorkerSpec;
import dev.kumo.spi.executor.FunctionExecutor;
import dev.kumo.spi.executor.InstanceSpec;
import dev.kumo.spi.executor.StartResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs functions of the {@link Tier#PROCESS} or {@link Tier#SANDBOX} tier as worker processes speaking the
 * Lambda Runtime API. A cold start opens the worker's endpoint, starts the worker through the tier's
 * {@link Confiner} (a Java function takes a pre-started generic JVM from the {@link JavaWorkerPool} when one
 * fits) with the environment Lambda gives, and waits for its first {@code /next} (ready), an
 * {@code /init/error} or an exit (failed), or the deadline (the worker is killed, {@code TimedOut}). What the
 * worker prints meanwhile is the cold start's log.
 */
public final class ProcessExecutor implements FunctionExecutor, AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Tier tier;
    private final ProcessTierConfig config;
    private final RuntimeApi api;
    private final Confiner confiner;
    private final InstantSource clock;
    private final WorkerRuntimes runtimes;
    private final TaskRoots taskRoots;
    private final Optional<JavaWorkerPool> pool;
    private final Map<Worker, SharedNetwork> workers = new ConcurrentHashMap<>();
    private final Map<String, SharedNetwork> networks = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean closed;

    private ProcessExecutor(Tier tier, ProcessTierConfig config, RuntimeApi api, Confiner confiner,
                            InstantSource clock, Optional<JavaWorkerPool> pool, WorkerRuntimes runtimes) {
        this.tier = tier;
        this.config = config;
        this.api = api;
        this.confiner = confiner;
        this.clock = clock;
        this.runtimes = runtimes;
        this.taskRoots = new TaskRoots(config.workDir());
        this.pool = pool;
    }

    /**
     * Creates the executor of {@code tier}.
     *
     * @param api      serves the workers' endpoints (shared by the tiers; closed by its owner)
     * @param confiner what surrounds each worker: cgroups for process, cgroups and bubblewrap for sandbox
     * @param pool     pre-started generic worker JVMs (process tier only: a sandbox wraps its worker at launch)
     */
    public static ProcessExecutor create(Tier tier, ProcessTierConfig config, RuntimeApi api, Confiner confiner,
                                         InstantSource clock, Optional<JavaWorkerPool> pool) {
        if (!tier.outOfProcess()) {
            throw new IllegalArgumentException("the process executor serves the process and sandbox tiers, not "
                    + tier.wireName());
        }
        return new ProcessExecutor(tier, config, api, confiner, clock, tier == Tier.PROCESS ? pool : Optional.empty(),
                new WorkerRuntimes(config.workDir(), config.workerHome()));
    }

    /** Like {@link #create} with {@code node} and {@code python3} looked for on {@code searchPath} (tests). */
    static ProcessExecutor create(Tier tier, ProcessTierConfig config, RuntimeApi api, Confiner confiner,
                                  InstantSource clock, String searchPath) {
        return new ProcessExecutor(tier, config, api, confiner, clock, Optional.empty(),
                new WorkerRuntimes(config.workDir(), config.workerHome(), searchPath));
    }

    @Override
    public Tier tier() {
        return tier;
    }

    /** Whether this tier can run workers here (its confiner's verdict). */
    public Availability availability() {
        return confiner.availability();
    }

    /** Whether functions of {@code runtime} can start here (node and python3 must be installed). */
    public Availability availability(String runtime) {
        Availability tierAvailability = availability();
        return tierAvailability.available() ? runtimes.availability(runtime) : tierAvailability;
    }

    @Override
    public StartResult start(InstanceSpec spec, ActivationId trigger, Instant deadline) {
        FunctionVersion version = spec.version();
        String runtime = version.config().runtime();
        Availability available = availability(runtime);
        if (available instanceof Availability.Unavailable(String reason)) {
            return failed(Runtimes.needsProcess(runtime) && availability().available() ? "RuntimeUnavailable"
                    : "TierUnavailable", reason, List.of());
        }
        if (closed) {
            return failed("TierUnavailable", "the " + tier.wireName() + " tier is shutting down", List.of());
        }
        Path root;
        try {
            root = taskRoots.prepare(version.code(), spec.code(), runtime);
        } catch (IOException | UncheckedIOException e) {
            return failed("CodeUnavailable", "cannot unpack the function's code: " + e.getMessage(), List.of());
        }
        ActivationLog log = newLog();
        SharedNetwork network;
        try {
            network = network(version);
        } catch (RuntimeException e) {
            return failed("TierUnavailable", "cannot set up the worker's network: " + e.getMessage(), List.of());
        }
        // a pre-started generic worker comes with its endpoint open and connected
        Optional<Worker> generic = Runtimes.JAVA.equals(runtime)
                ? pool.flatMap(p -> p.take(version.config().memoryMb())) : Optional.empty();
        RuntimeEndpoint endpoint = generic.map(Worker::endpoint).orElse(null);
        if (endpoint != null) {
            endpoint.assign(arn(version));
        } else {
            endpoint = api.open(network.bindAddress(), arn(version));
        }
        Worker worker;
        try {
            network.admit(port(endpoint));
            worker = launch(version, runtime, root, endpoint, network.network(), log, generic);
        } catch (IOException | RuntimeException e) {
            generic.ifPresent(Worker::close);
            endpoint.close();
            network.release();
            return failed("Runtime.StartError", "cannot start the worker: " + e.getMessage(), log.drain());
        }
        worker.serve(endpoint);
        workers.put(worker, network);
        if (closed) {
            retire(worker); // closed while this worker started
            return failed("TierUnavailable", "the " + tier.wireName() + " tier is shutting down", log.drain());
        }
        try {
            return awaitInit(worker, endpoint, runtime, log, deadline);
        } finally {
            if (Runtimes.JAVA.equals(runtime)) {
                pool.ifPresent(p -> p.replenish(version.config().memoryMb()));
            }
        }
    }

    private StartResult awaitInit(Worker worker, RuntimeEndpoint endpoint, String runtime, ActivationLog log,
                                  Instant deadline) {
        try {
            long waitMs = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
            CompletableFuture.anyOf(endpoint.initialized(), endpoint.initError(), worker.exited())
                    .get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            worker.kill();
            worker.output().attribute(null);
            var ended = worker.exited().thenRun(() -> retire(worker));
            return new StartResult.TimedOut(log.drain(), ended);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        ErrorInfo posted = endpoint.initError().getNow(null);
        if (posted == null && endpoint.initialized().isDone() && worker.alive()) {
            try {
                worker.initialized();
            } catch (RuntimeException e) {
                retire(worker);
                return failed("Runtime.StartError", "cannot limit the worker: " + e.getMessage(), log.drain());
            }
            worker.output().settle();
            worker.output().attribute(null);
            return new StartResult.Started(new ProcessInstance(worker, runtime, clock, this), log.drain());
        }
        if (posted == null) {
            Worker.Death death = worker.death(Runtimes.JAVA.equals(runtime));
            posted = endpoint.initError().getNow(null); // posted just before it exited
            if (posted == null) {
                posted = exitError(death, "before it was ready");
            }
        }
        worker.output().settle();
        worker.output().attribute(null);
        retire(worker);
        return new StartResult.Failed(posted, log.drain());
    }

    private Worker launch(FunctionVersion version, String runtime, Path root, RuntimeEndpoint endpoint,
                          FunctionNetwork network, ActivationLog log, Optional<Worker> generic) throws IOException {
        int memoryMb = version.config().memoryMb();
        Map<String, String> env = environment(version, endpoint, root, runtime);
        String name = tier.wireName() + "-" + sequence.incrementAndGet();
        if (Runtimes.JAVA.equals(runtime)) {
            Worker worker;
            if (generic.isPresent()) {
                worker = generic.get();
                worker.output().attribute(log);
            } else {
                List<String> command = runtimes.javaCommand(memoryMb);
                worker = Worker.launch(confiner.confine(name, command, root, runtimes.readOnlyPaths(runtime),
                        memoryMb, network), JavaWorkerPool.genericEnv(runtimes.path(runtime)), root, name, log, true);
            }
            try {
                if (generic.isPresent() && pool.get().confines()) {
                    JavaWorkerPool.specialize(worker, memoryMb); // already in a group of this size
                } else if (generic.isPresent()) {
                    worker.confine(confiner.adopt(name, worker.pid(), memoryMb));
                }
                var spec = new WorkerSpec(endpoint.hostPort(), root.resolve(TaskRoots.JAR_NAME).toString(),
                        version.config().handler(), version.function(), version.version(), memoryMb,
                        version.config().timeoutMs(), version.code().sha256(), env, version.config().env());
                worker.tell(JSON.writeValueAsString(spec));
            } catch (IOException | RuntimeException e) {
                worker.close();
                throw e;
            }
            return worker;
        }
        List<String> command = runtimes.command(runtime, root, memoryMb);
        return Worker.launch(confiner.confine(name, command, root, runtimes.readOnlyPaths(runtime), memoryMb,
                network), env, root, name, log, !Runtimes.PROVIDED.equals(runtime));
    }

    /** The environment Lambda gives a function, plus the function's own variables; nothing of the server's. */
    private Map<String, String> environment(FunctionVersion version, RuntimeEndpoint endpoint, Path root,
                                            String runtime) {
        var env = new LinkedHashMap<String, String>(version.config().env());
        env.put("PATH", runtimes.path(runtime));
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_LAMBDA_RUNTIME_API", endpoint.hostPort());
        env.put("_HANDLER", version.config().handler());
        env.put("LAMBDA_TASK_ROOT", root.toString());
        env.put("LAMBDA_RUNTIME_DIR", config.workDir().resolve("runtimes").toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", version.function());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", version.version());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(version.config().memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + version.function());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "kumo/[" + version.version() + "]" + version.instanceKey()
                .replace(':', '-') + "-" + sequence.get());
        env.put("AWS_REGION", config.region());
        env.put("AWS_DEFAULT_REGION", config.region());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + runtime);
        return env;
    }

    /** {@code arn:aws:lambda:<region>:000000000000:function:<name>[:version]}. */
    String arn(FunctionVersion version) {
        return FunctionArn.of(config.region(), version.function(), version.version());
    }

    ActivationLog newLog() {
        return new ActivationLog(config.maxLogLines(), config.maxLogBytes());
    }

    /** Kills a worker that is done (closed, crashed, timed out) and frees its endpoint and network share. */
    void retire(Worker worker) {
        SharedNetwork network = workers.remove(worker);
        if (network != null) {
            worker.close();
            network.release();
        }
    }

    /** Workers running now (tests and the ops view). */
    public int liveWorkers() {
        return workers.size();
    }

    /** The error of a worker that exited on its own (or was killed by the kernel). */
    static ErrorInfo exitError(Worker.Death death, String when) {
        String type = death.outOfMemory() ? "Runtime.OutOfMemory" : "Runtime.ExitError";
        String message = death.outOfMemory() ? "Runtime exited " + when + ": out of memory (" + death.how() + ")"
                : "Runtime exited " + when + " with " + death.how();
        return new ErrorInfo(type, message, List.of());
    }

    private static StartResult failed(String type, String message, List<String> logs) {
        return new StartResult.Failed(new ErrorInfo(type, message, List.of()), logs);
    }

    private static int port(RuntimeEndpoint endpoint) {
        String hp = endpoint.hostPort();
        return Integer.parseInt(hp.substring(hp.lastIndexOf(':') + 1));
    }

    private SharedNetwork network(FunctionVersion version) {
        return networks.compute(version.instanceKey(), (key, current) -> {
            SharedNetwork n = current != null ? current : new SharedNetwork(key, confiner.network(
                    FunctionConfig.NETWORK_NONE.equals(version.config().network()) ? NetworkPolicy.NONE
                            : NetworkPolicy.EGRESS), networks);
            n.acquire();
            return n;
        });
    }

    /** Kills every worker and frees every network; the endpoints close with their workers. */
    @Override
    public void close() {
        closed = true;
        pool.ifPresent(JavaWorkerPool::close);
        List.copyOf(workers.keySet()).forEach(this::retire);
        networks.values().forEach(SharedNetwork::closeNow);
        networks.clear();
    }
}
