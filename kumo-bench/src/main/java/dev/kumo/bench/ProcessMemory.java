package dev.kumo.bench;

import dev.kumo.process.worker.WorkerMain;
import dev.kumo.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Memory per idle warm worker of the {@code process} tier, and how many warm workers fit in 24 GiB. One forked
 * server ({@link ForkedServer}, admission budget lifted like {@link TierServer}'s, plus the flags of
 * {@value TierServer#SERVER_ARGS}): first N {@code Noop} functions of the in-JVM {@code isolated} tier, deployed and
 * warmed (the baseline: server RSS growth after a full GC, divided by N, as {@link Memory} measures it); then N
 * {@code Noop} functions in tier {@code process} (a worker JVM each) and {@value #SCRIPT_WORKERS} tiny Python and
 * Node.js functions, all with {@value #MEMORY_MB} MB, each invoked twice (cold, warm) and left idle. Every worker
 * process (a descendant of the server, recognised by its command line) is read from
 * {@code /proc/<pid>/smaps_rollup}: RSS, PSS (shared pages split between the processes that map them, so PSS
 * adds up to what the workers really cost) and private bytes. Generic pre-started JVMs of the pool are told apart
 * from function workers by age: those that existed before the first deploy, and the youngest ones beyond N
 * (a taken pool worker is replaced after its cold start).
 *
 * <p>Then more process-tier Java functions are deployed and warmed in steps of {@value #STEP} until
 * {@value #MAX_WORKERS} workers or {@value #STEP_SECONDS} s, the total PSS of the Java function workers recorded
 * after each step; the slope of a least-squares line through (workers, total PSS) is the cost of one more
 * worker. 24 GiB divided by it (and by each runtime's median PSS) is the extrapolated number of warm workers in
 * 24 GiB, reported against what Kumo's admission lets in: the node budget over {@code memoryMb} per instance.
 * Steps stop early when the machine's available memory falls under {@value #FLOOR_MIB} MiB.
 */
final class ProcessMemory implements Benchmark {

    static final String NAME = "process-memory";
    static final int MEMORY_MB = 128;
    static final int SCRIPT_WORKERS = 10;
    static final int MAX_WORKERS = 200;
    static final int STEP = 25;
    static final int STEP_SECONDS = 60;
    static final long FLOOR_MIB = 3072;
    static final long IDLE_MS = 3_000;
    static final double GIB_24 = 24.0 * 1024 * 1024 * 1024;
    private static final double MIB = 1024 * 1024;
    private static final String JAVA_WORKER_MAIN = "dev.kumo.process.worker.WorkerMain";
    private static final Pattern SMAPS_LINE = Pattern.compile("^(\\w+):\\s+(\\d+)\\s+kB", Pattern.MULTILINE);
    private static final String PYTHON_HANDLER = """
            def handler(event, context):
                return {"ok": True}
            """;
    private static final String NODE_HANDLER = """
            exports.handler = async (event) => ({ ok: true });
            """;

    /** The runtimes a worker process can be. */
    enum Kind { JAVA, PYTHON, NODE }

    /** Memory of one process from {@code smaps_rollup}, in bytes; {@code privateBytes} is clean + dirty. */
    record Smaps(long rss, long pss, long privateBytes) {
    }

    /**
     * One worker process of the server; {@code pooled}: a Java worker booted as a pre-started generic JVM
     * ({@code --warm-up} on its command line) rather than launched for its function; {@code aot}: it maps a
     * JDK AOT cache ({@code *.aot} in {@code /proc/<pid>/maps}).
     */
    record WorkerProc(long pid, Kind kind, boolean pooled, boolean aot, Instant started, Smaps memory) {
    }

    /** Median and p90 of a group of idle warm workers ({@code java}, {@code java-pooled}...), in bytes. */
    record Stats(String group, int count, double pssP50, double pssP90, double rssP50, double rssP90,
                 double privateP50) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "PSS/RSS per idle warm process-tier worker (java, python, node) vs an isolated instance;"
                + " warm workers in 24 GiB";
    }

    @Override
    public BenchOutcome run(BenchContext ctx) throws IOException, InterruptedException {
        BenchOptions o = ctx.options();
        int n = o.workers();
        int scripts = Math.min(SCRIPT_WORKERS, n);
        List<String> notes = new ArrayList<>();
        Path data = Files.createTempDirectory("kumo-bench-" + NAME + "-");
        Path log = o.out().resolve(NAME + "-server.log");
        List<String> serverArgs = new ArrayList<>(List.of("--memory-budget-mb",
                Integer.toString(BenchContext.ADMISSION_BUDGET_MB)));
        String extra = System.getProperty(TierServer.SERVER_ARGS, "").strip();
        if (!extra.isEmpty()) {
            serverArgs.addAll(Arrays.asList(extra.split("\\s+")));
        }
        ctx.say(NAME, "forking dev.kumo.server.Main " + String.join(" ", serverArgs) + ", log in " + log);
        try (var server = ForkedServer.start(BenchContext.freePort(), data, log,
                List.of("--enable-native-access=ALL-UNNAMED"), serverArgs)) {
            var api = new KumoApi(server.base());
            try {
                api.awaitReady(Duration.ofSeconds(60));
            } catch (IllegalStateException e) {
                throw new IllegalStateException((server.alive() ? "" : "server exited; ") + e.getMessage(), e);
            }
            Thread.sleep(IDLE_MS); // the pool boots its first generic worker
            Set<Long> prestarted = pids(workers(server.pid()), Kind.JAVA);
            double idleRss = serverRss(server);
            ctx.say(NAME, String.format(Locale.ROOT, "idle: server RSS %.1f MiB, %d pre-started worker JVM(s)",
                    idleRss / MIB, prestarted.size()));

            // baseline: the in-JVM isolated tier
            byte[] jar = ExamplesJar.bytes();
            var isolatedSpec = new FunctionSpec(ExamplesJar.NOOP, "isolated", 1, 64, MEMORY_MB);
            for (int i = 1; i <= n; i++) {
                api.deploy("pm-iso-" + i, isolatedSpec, jar);
            }
            double deployedRss = serverRss(server);
            double deployedJvm = jvmUsed(api);
            int failed = 0;
            for (int i = 1; i <= n; i++) {
                failed += invokeTwice(api, "pm-iso-" + i);
            }
            double isolatedRss = serverRss(server);
            double perIsolated = (isolatedRss - deployedRss) / n;
            double perIsolatedJvm = (jvmUsed(api) - deployedJvm) / n;
            ctx.say(NAME, String.format(Locale.ROOT, "%d isolated: server RSS %.1f MiB deployed, %.1f MiB warm:"
                    + " %.1f KiB per warm instance (heap + non-heap used: %.1f KiB)", n, deployedRss / MIB,
                    isolatedRss / MIB, perIsolated / 1024, perIsolatedJvm / 1024));

            // the process tier: java, python, node
            var processSpec = new FunctionSpec(ExamplesJar.NOOP, "process", 1, 64, MEMORY_MB);
            long t0 = System.nanoTime();
            for (int i = 1; i <= n; i++) {
                api.deploy("pm-java-" + i, processSpec, jar);
                failed += invokeTwice(api, "pm-java-" + i);
                if (i % 10 == 0 || i == n) {
                    ctx.say(NAME, "process tier, java: " + i + "/" + n + " warm");
                }
            }
            double javaSeconds = (System.nanoTime() - t0) / 1e9;
            int pythons = deployScripts(ctx, api, server.base(), "python3", "app.py", PYTHON_HANDLER, "app.handler",
                    scripts, notes);
            int nodes = deployScripts(ctx, api, server.base(), "nodejs", "index.js", NODE_HANDLER, "index.handler",
                    scripts, notes);
            Thread.sleep(IDLE_MS);
            double processRss = serverRss(server);
            List<WorkerProc> all = workers(server.pid());
            List<WorkerProc> javaWorkers = functionWorkers(all, prestarted, n);
            var stats = new LinkedHashMap<String, Stats>();
            stats.put("java", stats("java", javaWorkers));
            List<WorkerProc> pooled = javaWorkers.stream().filter(WorkerProc::pooled).toList();
            if (!pooled.isEmpty() && pooled.size() < javaWorkers.size()) {
                stats.put("java-pooled", stats("java-pooled", pooled));
                stats.put("java-fresh", stats("java-fresh", javaWorkers.stream().filter(w -> !w.pooled()).toList()));
            }
            for (Kind k : List.of(Kind.PYTHON, Kind.NODE)) {
                List<WorkerProc> ofKind = all.stream().filter(w -> w.kind() == k).toList();
                if (!ofKind.isEmpty()) {
                    String group = k.name().toLowerCase(Locale.ROOT);
                    stats.put(group, stats(group, ofKind));
                }
            }
            for (Stats s : stats.values()) {
                ctx.say(NAME, String.format(Locale.ROOT, "%-11s %3d idle warm workers: PSS p50 %.1f p90 %.1f MiB,"
                                + " RSS p50 %.1f p90 %.1f MiB, private p50 %.1f MiB", s.group(), s.count(),
                        s.pssP50() / MIB, s.pssP90() / MIB, s.rssP50() / MIB, s.rssP90() / MIB,
                        s.privateP50() / MIB));
            }
            int processWorkers = javaWorkers.size() + pythons + nodes;
            double serverGrowthPerWorker = (processRss - isolatedRss) / Math.max(1, processWorkers);
            ctx.say(NAME, String.format(Locale.ROOT, "server RSS %.1f MiB with %d process workers: %.1f KiB each"
                    + " (java cold+warm of %d functions took %.1f s)", processRss / MIB, processWorkers,
                    serverGrowthPerWorker / 1024, n, javaSeconds));
            long withoutAot = javaWorkers.stream().filter(w -> !w.aot()).count();
            if (withoutAot > 0) {
                List<WorkerProc> aot = javaWorkers.stream().filter(WorkerProc::aot).toList();
                notes.add(String.format(Locale.ROOT, "%d of %d java workers run without an AOT cache (PSS p50 %.1f"
                        + " MiB; with one: %.1f MiB)", withoutAot, javaWorkers.size(), stats("", javaWorkers.stream()
                        .filter(w -> !w.aot()).toList()).pssP50() / MIB, stats("", aot).pssP50() / MIB));
                ctx.say(NAME, notes.getLast());
            }
            if (javaWorkers.size() != n) {
                notes.add("found " + javaWorkers.size() + " java function workers for " + n + " functions");
            }

            // empirical: more java workers in steps
            List<double[]> points = new ArrayList<>();
            List<double[]> machine = new ArrayList<>();
            points.add(new double[] {javaWorkers.size(), sumPss(javaWorkers) / MIB});
            machine.add(new double[] {javaWorkers.size(), machineUsedBytes() / MIB});
            int deployed = n;
            long stepsEnd = System.nanoTime() + Duration.ofSeconds(STEP_SECONDS).toNanos();
            String stopped = "reached " + MAX_WORKERS + " workers";
            while (deployed < MAX_WORKERS) {
                if (System.nanoTime() > stepsEnd) {
                    stopped = "stopped after " + STEP_SECONDS + " s";
                    break;
                }
                long available = memAvailableBytes().orElse(Long.MAX_VALUE);
                if (available < FLOOR_MIB * MIB) {
                    stopped = String.format(Locale.ROOT, "stopped: %.0f MiB available", available / MIB);
                    break;
                }
                int target = Math.min(MAX_WORKERS, deployed + STEP);
                int failedBefore = failed;
                long stepStart = System.nanoTime();
                for (int i = deployed + 1; i <= target; i++) {
                    api.deploy("pm-java-" + i, processSpec, jar);
                    failed += invokeTwice(api, "pm-java-" + i);
                }
                deployed = target;
                Thread.sleep(1_000);
                List<WorkerProc> now = functionWorkers(workers(server.pid()), prestarted, deployed);
                double total = sumPss(now) / MIB;
                points.add(new double[] {now.size(), total});
                machine.add(new double[] {now.size(), machineUsedBytes() / MIB});
                ctx.say(NAME, String.format(Locale.ROOT, "%3d java workers: total PSS %.0f MiB (p50 %.1f MiB),"
                        + " %.0f MiB available; step took %.1f s, %d invocations not 200", now.size(), total,
                        stats("java", now).pssP50() / MIB, memAvailableBytes().orElse(0) / MIB,
                        (System.nanoTime() - stepStart) / 1e9, failed - failedBefore));
            }
            if (failed > 0) {
                notes.add(failed + " warming invocations did not answer 200");
            }
            notes.add("empirical java steps " + stopped + " (" + deployed + " functions)");
            notes.add(String.format(Locale.ROOT, "isolated baseline: server RSS growth after GC moves with heap"
                    + " resizing (coarse with %d instances); heap + non-heap used grew %.1f KiB per instance", n,
                    perIsolatedJvm / 1024));
            return outcome(o, stats, perIsolated, perIsolatedJvm, serverGrowthPerWorker, points, machine, notes);
        } finally {
            BenchContext.deleteTree(data);
        }
    }

    private static BenchOutcome outcome(BenchOptions o, Map<String, Stats> stats, double perIsolated,
                                        double perIsolatedJvm,
                                        double serverGrowthPerWorker, List<double[]> points,
                                        List<double[]> machine, List<String> notes) {
        String iso = "isolated tier, server RSS growth per warm instance";
        List<Measurement> m = new ArrayList<>();
        List<Charts.Bar> bars = new ArrayList<>();
        for (Stats s : stats.values()) {
            String k = s.group().replace('-', '_');
            m.add(mib("pss_p50_per_idle_" + k + "_worker", s.pssP50(), perIsolated, iso));
            m.add(mib("pss_p50_per_idle_" + k + "_worker_vs_jvm_used", s.pssP50(), perIsolatedJvm,
                    "isolated tier, server heap + non-heap used growth per warm instance"));
            m.add(mib("pss_p90_per_idle_" + k + "_worker", s.pssP90(), perIsolated, iso));
            m.add(mib("rss_p50_per_idle_" + k + "_worker", s.rssP50(), perIsolated, iso));
            m.add(mib("rss_p90_per_idle_" + k + "_worker", s.rssP90(), perIsolated, iso));
            m.add(mib("private_p50_per_idle_" + k + "_worker", s.privateP50(), Double.NaN, "none"));
            m.add(new Measurement(NAME, k + "_workers_measured", "workers", s.count(), Double.NaN, "none",
                    new Goal.None()));
            bars.add(new Charts.Bar("PSS p50", s.group(), s.pssP50() / MIB));
            bars.add(new Charts.Bar("RSS p50", s.group(), s.rssP50() / MIB));
        }
        bars.add(new Charts.Bar("RSS p50", "isolated", perIsolated / MIB));
        m.add(new Measurement(NAME, "isolated_instance_server_rss_growth", "KiB", perIsolated / 1024, Double.NaN,
                "none", new Goal.None()));
        m.add(new Measurement(NAME, "isolated_instance_server_jvm_used_growth", "KiB", perIsolatedJvm / 1024,
                Double.NaN, "none", new Goal.None()));
        m.add(new Measurement(NAME, "server_rss_growth_per_process_worker", "KiB", serverGrowthPerWorker / 1024,
                perIsolated / 1024, iso, new Goal.None()));

        double[] fit = linearFit(points);
        double slopeBytes = fit[1] * MIB;
        int defaultBudget = ServerConfig.defaults().memoryBudgetMb();
        double admitted24 = Math.floor(24 * 1024.0 / MEMORY_MB);
        String admission = "Kumo admission, 24 GiB budget / " + MEMORY_MB + " MB";
        double[] machineFit = linearFit(machine);
        m.add(new Measurement(NAME, "java_worker_pss_fit_slope", "MiB", fit[1], machineFit[1],
                "slope of the machine's used memory (MemTotal - MemAvailable)", new Goal.None()));
        m.add(new Measurement(NAME, "max_java_workers_24gib_by_fit", "workers", Math.floor(GIB_24 / slopeBytes),
                admitted24, admission, new Goal.None()));
        for (Stats s : stats.values()) {
            m.add(new Measurement(NAME, "max_" + s.group().replace('-', '_')
                    + "_workers_24gib_by_p50_pss", "workers", Math.floor(GIB_24 / s.pssP50()), admitted24, admission,
                    new Goal.None()));
        }
        m.add(new Measurement(NAME, "max_isolated_instances_24gib", "instances", Math.floor(GIB_24 / perIsolated),
                admitted24, admission, new Goal.None()));
        m.add(new Measurement(NAME, "admitted_at_default_budget", "instances",
                Math.floor((double) defaultBudget / MEMORY_MB), Double.NaN, "none", new Goal.None()));
        m.add(new Measurement(NAME, "java_workers_reached", "workers", points.getLast()[0],
                Double.NaN, "none", new Goal.None()));
        m.add(new Measurement(NAME, "java_workers_total_pss_reached", "MiB", points.getLast()[1],
                Double.NaN, "none", new Goal.None()));
        notes.add(String.format(Locale.ROOT, "workers in 24 GiB are extrapolated (24 GiB / per-worker PSS, the"
                + " server itself not counted); least-squares over %d steps: total PSS = %.0f MiB + %.1f MiB x"
                + " workers", points.size(), fit[0], fit[1]));
        notes.add(String.format(Locale.ROOT, "admission: %d MB default budget / %d MB admits %d instances; 24 GiB"
                + " admits %.0f; RAM (by the fit) %.0f java workers, so the %s is the limit", defaultBudget,
                MEMORY_MB, defaultBudget / MEMORY_MB, admitted24, Math.floor(GIB_24 / slopeBytes),
                GIB_24 / slopeBytes < admitted24 ? "machine's RAM" : "node's memory budget"));

        List<double[]> fitted = new ArrayList<>();
        fitted.add(new double[] {points.getFirst()[0], fit[0] + fit[1] * points.getFirst()[0]});
        fitted.add(new double[] {points.getLast()[0], fit[0] + fit[1] * points.getLast()[0]});
        var series = new LinkedHashMap<String, List<double[]>>();
        series.put("java workers, total PSS (measured)", points);
        series.put(String.format(Locale.ROOT, "fit: %.1f MiB per worker", fit[1]), fitted);
        series.put(String.format(Locale.ROOT, "machine memory used, all processes (%.1f MiB per worker)",
                machineFit[1]), machine);
        var perWorker = Charts.bars(o.out().resolve("process-memory-per-worker.png"), "Per idle warm process worker ("
                + MEMORY_MB + " MB) vs isolated instance (server RSS growth)", "MiB", bars);
        var total = Charts.lines(o.out().resolve("process-memory-total.png"),
                "Idle warm java workers: total PSS and machine memory", "java workers", "MiB", series);
        return new BenchOutcome(NAME, m, List.of(perWorker, total), notes);
    }

    private static Measurement mib(String metric, double bytes, double baselineBytes, String baseline) {
        return new Measurement(NAME, metric, "MiB", bytes / MIB, baselineBytes / MIB, baseline, new Goal.None());
    }

    /** Deploys and warms {@code count} functions of a script runtime; returns how many were deployed. */
    private static int deployScripts(BenchContext ctx, KumoApi api, URI base, String runtime, String file,
                                     String source, String handler, int count, List<String> notes) {
        String zip = Base64.getEncoder().encodeToString(zip(file, source));
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int failed = 0;
        for (int i = 1; i <= count; i++) {
            String name = "pm-" + runtime + "-" + i;
            String body = "{\"runtime\":\"" + runtime + "\",\"handler\":\"" + handler + "\",\"tier\":\"process\","
                    + "\"memoryMb\":" + MEMORY_MB + ",\"code\":{\"zipBase64\":\"" + zip + "\"}}";
            HttpResponse<String> r = send(http, HttpRequest.newBuilder(base.resolve("/v1/functions/" + name))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)));
            if (r.statusCode() != 200 && r.statusCode() != 201) {
                notes.add(runtime + " not measured: deploy answered " + r.statusCode() + " " + r.body());
                return 0;
            }
            failed += invokeTwice(api, name);
        }
        ctx.say(NAME, "process tier, " + runtime + ": " + count + " warm" + (failed > 0 ? ", " + failed
                + " invocations failed" : ""));
        return count;
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A zip holding one file. */
    static byte[] zip(String file, String content) {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(file));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A cold and a warm invocation; returns how many did not answer 200. */
    private static int invokeTwice(KumoApi api, String function) {
        return (api.invoke(function, BenchContext.BODY) == 200 ? 0 : 1)
                + (api.invoke(function, BenchContext.BODY) == 200 ? 0 : 1);
    }

    /** Heap plus non-heap used of the server, from {@code /metrics} (read right after {@link #serverRss}). */
    private static double jvmUsed(KumoApi api) {
        String metrics = api.metrics();
        return PrometheusText.sum(metrics, "jvm_memory_used_bytes", Map.of("area", "heap"))
                + PrometheusText.sum(metrics, "jvm_memory_used_bytes", Map.of("area", "nonheap"));
    }

    /** The server's own RSS (without its children) after two full GCs. */
    private static double serverRss(ForkedServer server) {
        server.gc();
        server.gc();
        return ProcStatus.rssBytes(server.pid()).orElseThrow();
    }

    /** The worker processes among the server's descendants, with their memory. */
    static List<WorkerProc> workers(long serverPid) {
        var list = new ArrayList<WorkerProc>();
        ProcessHandle.of(serverPid).ifPresent(server -> server.descendants().forEach(p -> {
            List<String> command = cmdline(p.pid());
            Optional<Kind> kind = kind(command);
            Optional<Smaps> memory = smaps(p.pid());
            if (kind.isPresent() && memory.isPresent()) {
                list.add(new WorkerProc(p.pid(), kind.get(), command.contains(WorkerMain.WARM_UP),
                        mapsAotCache(p.pid()), p.info().startInstant().orElse(Instant.EPOCH),
                        memory.get()));
            }
        }));
        return list;
    }

    /**
     * The Java workers that serve functions: not pre-started before the first deploy, and without the
     * youngest ones beyond {@code functions} (the pool's replacements, started after the cold starts).
     */
    static List<WorkerProc> functionWorkers(List<WorkerProc> all, Set<Long> prestarted, int functions) {
        List<WorkerProc> java = all.stream().filter(w -> w.kind() == Kind.JAVA && !prestarted.contains(w.pid()))
                .sorted(Comparator.comparing(WorkerProc::started).thenComparingLong(WorkerProc::pid)).toList();
        return java.subList(0, Math.min(functions, java.size()));
    }

    private static Set<Long> pids(List<WorkerProc> workers, Kind kind) {
        var pids = new HashSet<Long>();
        workers.stream().filter(w -> w.kind() == kind).forEach(w -> pids.add(w.pid()));
        return pids;
    }

    /** Which runtime a command line ({@code /proc/<pid>/cmdline}, NUL-separated) runs; empty if not a worker. */
    static Optional<Kind> kind(List<String> cmdline) {
        if (cmdline.contains(JAVA_WORKER_MAIN)) {
            return Optional.of(Kind.JAVA);
        }
        for (String arg : cmdline) {
            if (arg.endsWith("/python.py")) {
                return Optional.of(Kind.PYTHON);
            }
            if (arg.endsWith("/node.js")) {
                return Optional.of(Kind.NODE);
            }
        }
        return Optional.empty();
    }

    private static boolean mapsAotCache(long pid) {
        try (var lines = Files.lines(Path.of("/proc", Long.toString(pid), "maps"))) {
            return lines.anyMatch(l -> l.endsWith(".aot") || l.endsWith(".aot (deleted)"));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static List<String> cmdline(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<Smaps> smaps(long pid) {
        try {
            return Optional.of(parseSmaps(Files.readString(Path.of("/proc", Long.toString(pid), "smaps_rollup"))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // gone, or not ours to read
        }
    }

    /** Parses {@code smaps_rollup}: {@code Rss}, {@code Pss} and {@code Private_Clean + Private_Dirty}. */
    static Smaps parseSmaps(String text) {
        var kb = new LinkedHashMap<String, Long>();
        Matcher m = SMAPS_LINE.matcher(text);
        while (m.find()) {
            kb.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
        }
        return new Smaps(kb.getOrDefault("Rss", 0L) * 1024, kb.getOrDefault("Pss", 0L) * 1024,
                (kb.getOrDefault("Private_Clean", 0L) + kb.getOrDefault("Private_Dirty", 0L)) * 1024);
    }

    /** {@code MemAvailable} of {@code /proc/meminfo} in bytes. */
    static OptionalLong memAvailableBytes() {
        try {
            Matcher m = Pattern.compile("^MemAvailable:\\s+(\\d+)\\s+kB", Pattern.MULTILINE)
                    .matcher(Files.readString(Path.of("/proc/meminfo")));
            return m.find() ? OptionalLong.of(Long.parseLong(m.group(1)) * 1024) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code MemTotal - MemAvailable} of {@code /proc/meminfo} in bytes: what all processes use. */
    static double machineUsedBytes() {
        try {
            String text = Files.readString(Path.of("/proc/meminfo"));
            Matcher total = Pattern.compile("^MemTotal:\\s+(\\d+)\\s+kB", Pattern.MULTILINE).matcher(text);
            return total.find() ? Long.parseLong(total.group(1)) * 1024.0
                    - memAvailableBytes().orElse(0) : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    static Stats stats(String group, List<WorkerProc> workers) {
        double[] pss = workers.stream().mapToDouble(w -> w.memory().pss()).sorted().toArray();
        double[] rss = workers.stream().mapToDouble(w -> w.memory().rss()).sorted().toArray();
        double[] priv = workers.stream().mapToDouble(w -> w.memory().privateBytes()).sorted().toArray();
        return new Stats(group, workers.size(), percentile(pss, 0.5), percentile(pss, 0.9), percentile(rss, 0.5),
                percentile(rss, 0.9), percentile(priv, 0.5));
    }

    /** Nearest-rank percentile of sorted values; NaN when there are none. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double sumPss(List<WorkerProc> workers) {
        return workers.stream().mapToDouble(w -> w.memory().pss()).sum();
    }

    /** Least squares through {@code {x, y}} points: {@code {intercept, slope}}; slope NaN with one point. */
    static double[] linearFit(List<double[]> points) {
        int n = points.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
            sxx += p[0] * p[0];
            sxy += p[0] * p[1];
        }
        double den = n * sxx - sx * sx;
        if (n < 2 || den == 0) {
            double x = n == 0 ? Double.NaN : sx / n;
            return new double[] {0, n == 0 || x == 0 ? Double.NaN : sy / sx};
        }
        double slope = (n * sxy - sx * sy) / den;
        return new double[] {(sy - slope * sx) / n, slope};
    }
}
