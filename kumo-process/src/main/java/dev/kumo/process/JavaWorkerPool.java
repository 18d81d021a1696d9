package dev.kumo.process;

import dev.kumo.core.FunctionConfig;
import dev.kumo.core.Runtimes;
import dev.kumo.process.isolation.CgroupLimits;
import dev.kumo.process.isolation.FunctionNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pre-started generic worker JVMs, so that a Java cold start in the process tier only specializes one (tells
 * it its endpoint, jar and handler over stdin) instead of booting a JVM. A JVM's heap is fixed at launch, so
 * generic workers are kept per memory size. The number kept idle per size follows demand: as many as that
 * size had cold starts in the last minute, at least one for the default size and for any size used in the
 * last ten minutes, at most {@code poolMax}; all idle workers together stay within {@code poolBudgetMb} (each
 * counts its memory size). Refills run on virtual threads shortly after each take ({@link #REFILL_DELAY}).
 */
public final class JavaWorkerPool implements AutoCloseable {

    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);
    private static final Duration KEEP_WINDOW = Duration.ofMinutes(10);
    /**
     * How long a refill after a take waits before booting a JVM: the specialized worker's first invocations
     * follow its cold start at once, and a JVM booting next to them on a small machine takes their CPU.
     */
    static final Duration REFILL_DELAY = Duration.ofMillis(150);
    /**
     * The CPU weight a confined generic worker boots and warms up with (the default weight, as the server's):
     * a small function's weight would stretch the boot on a busy machine. Its function's weight applies once the
     * function is initialized ({@link #specialize}).
     */
    static final int BOOT_CPU_SHARES = 1024;

    private final WorkerRuntimes runtimes;
    private final Path dir;
    private final int max;
    private final int budgetMb;
    private final InstantSource clock;
    private final Confiner confiner;
    private final boolean confines;
    private final Optional<RuntimeApi> api;
    private final Map<Integer, Deque<Worker>> idle = new TreeMap<>();
    private final Map<Integer, Deque<Instant>> coldStarts = new HashMap<>();
    private final Map<Integer, Integer> starting = new HashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private boolean closed;

    private JavaWorkerPool(ProcessTierConfig config, InstantSource clock, Optional<Confiner> confiner,
                           Optional<RuntimeApi> api) {
        this.runtimes = new WorkerRuntimes(config.workDir(), config.workerHome());
        this.dir = config.workDir();
        this.max = config.poolMax();
        this.budgetMb = config.poolBudgetMb();
        this.clock = clock;
        this.confiner = confiner.orElse(Confiner.plain());
        this.confines = confiner.isPresent();
        this.api = api;
    }

    /**
     * Creates a pool of plain (unconfined) workers: the executor moves a worker into its function's limits and
     * opens its endpoint when it takes it. Starts the first generic worker (default memory size) at once.
     */
    public static JavaWorkerPool create(ProcessTierConfig config, InstantSource clock) {
        return start(new JavaWorkerPool(config, clock, Optional.empty(), Optional.empty()));
    }

    /**
     * Creates the pool of the process tier, which does at pool time what does not depend on the function: each
     * generic worker starts inside its own cgroup of {@code confiner} with the memory and process limits of its
     * memory size (the limits a function of that size gets), and with its own endpoint of {@code api} open on
     * loopback, which the worker connects to while it warms up. A cold start then creates no cgroup, binds no
     * port and opens no connection. Starts the first generic worker (default memory size) at once.
     */
    public static JavaWorkerPool create(ProcessTierConfig config, InstantSource clock, Confiner confiner,
                                        RuntimeApi api) {
        return start(new JavaWorkerPool(config, clock, Optional.of(confiner), Optional.of(api)));
    }

    private static JavaWorkerPool start(JavaWorkerPool pool) {
        pool.refill(FunctionConfig.DEFAULT_MEMORY_MB, Duration.ZERO);
        return pool;
    }

    /**
     * An idle generic worker with the heap of {@code memoryMb}, if there is one; counts the demand either way.
     * Call {@link #replenish} once the cold start is done.
     */
    Optional<Worker> take(int memoryMb) {
        Worker taken = null;
        synchronized (this) {
            coldStarts.computeIfAbsent(memoryMb, m -> new ArrayDeque<>()).addLast(clock.instant());
            Deque<Worker> workers = idle.getOrDefault(memoryMb, new ArrayDeque<>());
            workers.removeIf(w -> {
                if (!w.alive()) {
                    w.close();
                    return true;
                }
                return false;
            });
            // a warmed-up worker first; one still booting beats booting a new one
            taken = workers.stream().filter(w -> w.output().ready().isDone()).findFirst()
                    .orElse(workers.peekFirst());
            if (taken != null) {
                workers.remove(taken);
            }
        }
        return Optional.ofNullable(taken);
    }

    /**
     * Starts generic workers of {@code memoryMb} up to the target, after a cold start that asked for one is done
     * (so that booting its replacement does not compete with that cold start for the CPU).
     */
    void replenish(int memoryMb) {
        refill(memoryMb, REFILL_DELAY);
    }

    /** Whether workers start inside their memory size's cgroup (nothing to adopt when taken). */
    boolean confines() {
        return confines;
    }

    /**
     * Gives a taken worker of {@code memoryMb} its function's limits: its group already has the memory and
     * process limits of that size; its CPU weight drops from the boot weight to the function's once the function
     * is initialized. Like Lambda, which runs a function's init with a full CPU whatever its memory size, the
     * init runs at the boot weight (a weight only matters when the CPU is contended; it never caps).
     */
    static void specialize(Worker worker, int memoryMb) {
        worker.deferCpuShares(CgroupLimits.forMemory(memoryMb).cpuShares());
    }

    /** Idle generic workers per memory size. */
    public synchronized Map<Integer, Integer> idle() {
        var sizes = new TreeMap<Integer, Integer>();
        idle.forEach((mb, workers) -> sizes.put(mb, workers.size()));
        return sizes;
    }

    /** Idle generic workers of {@code memoryMb} that are warmed up and waiting. */
    public synchronized int ready(int memoryMb) {
        return (int) idle.getOrDefault(memoryMb, new ArrayDeque<>()).stream()
                .filter(w -> w.alive() && w.output().ready().isDone()).count();
    }

    /** Process ids of the idle generic workers. */
    synchronized List<Long> idlePids() {
        return idle.values().stream().flatMap(Deque::stream).map(Worker::pid).toList();
    }

    /** How many idle workers of {@code memoryMb} the pool aims for now. */
    synchronized int target(int memoryMb) {
        if (max == 0) {
            return 0;
        }
        Instant now = clock.instant();
        Deque<Instant> starts = coldStarts.computeIfAbsent(memoryMb, m -> new ArrayDeque<>());
        while (!starts.isEmpty() && starts.peekFirst().isBefore(now.minus(KEEP_WINDOW))) {
            starts.pollFirst();
        }
        long recent = starts.stream().filter(t -> !t.isBefore(now.minus(RATE_WINDOW))).count();
        int floor = memoryMb == FunctionConfig.DEFAULT_MEMORY_MB || !starts.isEmpty() ? 1 : 0;
        return (int) Math.min(max, Math.max(floor, recent));
    }

    private void refill(int memoryMb, Duration delay) {
        Thread.ofVirtual().name("kumo-worker-pool").start(() -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            while (reserve(memoryMb)) {
                Worker worker = null;
                RuntimeEndpoint endpoint = null;
                try {
                    List<String> command = runtimes.genericJavaCommand(memoryMb);
                    Files.createDirectories(dir);
                    long n = sequence.incrementAndGet();
                    var env = new HashMap<>(genericEnv(runtimes.path(Runtimes.JAVA)));
                    if (api.isPresent()) {
                        endpoint = api.get().open(FunctionNetwork.host().bindAddress(), "");
                        env.put("AWS_LAMBDA_RUNTIME_API", endpoint.hostPort());
                    }
                    worker = Worker.launch(confiner.confine("generic-" + n, command, dir, List.of(), memoryMb,
                            FunctionNetwork.host()), env, dir, "generic-" + n, null, true);
                    if (endpoint != null) {
                        worker.serve(endpoint);
                    }
                    boost(worker);
                } catch (IOException | RuntimeException e) {
                    // the next take launches a worker itself and tells what went wrong
                    if (worker == null && endpoint != null) {
                        endpoint.close();
                    }
                }
                if (!settle(memoryMb, worker)) {
                    return;
                }
            }
        });
    }

    /** Best effort: without it the worker boots at its size's weight. */
    private static void boost(Worker worker) {
        try {
            worker.confinement().cgroup().ifPresent(g -> g.cpuShares(BOOT_CPU_SHARES));
        } catch (RuntimeException e) {
            // slower boot only
        }
    }

    /** Claims the right to start one more worker of {@code memoryMb} if below target and budget. */
    private synchronized boolean reserve(int memoryMb) {
        int have = idle.getOrDefault(memoryMb, new ArrayDeque<>()).size() + starting.getOrDefault(memoryMb, 0);
        int usedMb = idle.entrySet().stream().mapToInt(e -> e.getKey() * e.getValue().size()).sum()
                + starting.entrySet().stream().mapToInt(e -> e.getKey() * e.getValue()).sum();
        if (closed || have >= target(memoryMb) || usedMb + memoryMb > budgetMb) {
            return false;
        }
        starting.merge(memoryMb, 1, Integer::sum);
        return true;
    }

    private boolean settle(int memoryMb, Worker worker) {
        synchronized (this) {
            starting.merge(memoryMb, -1, Integer::sum);
            if (worker != null && !closed) {
                idle.computeIfAbsent(memoryMb, m -> new ArrayDeque<>()).addLast(worker);
                return true;
            }
        }
        if (worker != null) {
            worker.close();
        }
        return false;
    }

    /** The environment of a generic worker: the rest arrives with its specialization. */
    static Map<String, String> genericEnv(String path) {
        return Map.of("PATH", path, "LANG", "en_US.UTF-8", "TZ", ":UTC");
    }

    /** Kills every idle generic worker; workers already taken belong to their executor. */
    @Override
    public void close() {
        List<Worker> all;
        synchronized (this) {
            closed = true;
            all = idle.values().stream().flatMap(Deque::stream).toList();
            idle.clear();
        }
        all.forEach(Worker::close);
    }
}
