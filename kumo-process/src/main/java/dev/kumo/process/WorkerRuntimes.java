package dev.kumo.process;

import dev.kumo.core.Runtimes;
import dev.kumo.process.isolation.Availability;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The command line of each runtime's worker. {@code java}: a worker JVM ({@code dev.kumo.process.worker.WorkerMain})
 * with flags for short-lived processes and the AOT cache when one was trained for this class path;
 * {@code provided}: the task root's {@code bootstrap}; {@code nodejs} and {@code python3}: the machine's
 * {@code node} / {@code python3} (found on {@code PATH} once, resolved to the real executable) running the
 * bootstrap Kumo ships, written below the work directory.
 */
final class WorkerRuntimes {

    static final String WORKER_MAIN = "dev.kumo.process.worker.WorkerMain";
    static final String AOT_CACHE = "kumo-worker.aot";

    private final Path javaHome = Path.of(System.getProperty("java.home"));
    private final Path workDir;
    private final Optional<Path> workerHome;
    private final Map<String, Interpreter> interpreters = new ConcurrentHashMap<>();
    private final String searchPath;
    private volatile List<String> classPath;

    /** A runtime's executable, or why there is none. */
    sealed interface Interpreter {
        record Found(Path executable, Path home) implements Interpreter {
        }

        record Missing(String reason) implements Interpreter {
        }
    }

    WorkerRuntimes(Path workDir, Optional<Path> workerHome) {
        this(workDir, workerHome, Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin"));
    }

    /** @param searchPath where {@code node} and {@code python3} are looked for ({@code PATH} syntax) */
    WorkerRuntimes(Path workDir, Optional<Path> workerHome, String searchPath) {
        this.workDir = workDir;
        this.workerHome = workerHome;
        this.searchPath = searchPath;
    }

    /** Whether workers of {@code runtime} can start here. */
    Availability availability(String runtime) {
        return switch (runtime) {
            case Runtimes.NODEJS, Runtimes.PYTHON3 -> switch (interpreter(runtime)) {
                case Interpreter.Found f -> new Availability.Available(f.executable().toString());
                case Interpreter.Missing m -> new Availability.Unavailable(m.reason());
            };
            default -> new Availability.Available(runtime);
        };
    }

    /** The worker's command line; the java one waits for its specialization on stdin. */
    List<String> command(String runtime, Path taskRoot, int memoryMb) {
        return switch (runtime) {
            case Runtimes.JAVA -> javaCommand(memoryMb);
            case Runtimes.PROVIDED -> List.of(taskRoot.resolve("bootstrap").toString());
            case Runtimes.NODEJS -> List.of(found(runtime).executable().toString(),
                    "--max-old-space-size=" + Math.max(32, memoryMb * 7 / 10), bootstrap("node.js").toString());
            case Runtimes.PYTHON3 -> List.of(found(runtime).executable().toString(), "-u", "-E", "-s",
                    bootstrap("python.py").toString());
            default -> throw new IllegalArgumentException("unknown runtime " + runtime);
        };
    }

    /** What a sandboxed worker of {@code runtime} must be able to read besides the system directories. */
    List<Path> readOnlyPaths(String runtime) {
        var paths = new ArrayList<Path>();
        paths.add(workDir.resolve("runtimes"));
        switch (runtime) {
            case Runtimes.JAVA -> {
                paths.add(javaHome);
                workerHome.ifPresentOrElse(paths::add, () -> classPath().forEach(p -> paths.add(Path.of(p))));
            }
            case Runtimes.NODEJS, Runtimes.PYTHON3 -> paths.add(found(runtime).home());
            default -> { }
        }
        return paths;
    }

    /** {@code PATH} for workers: the usual system directories, after the runtime's own bin directory. */
    String path(String runtime) {
        String system = "/usr/local/bin:/usr/bin:/bin";
        return switch (runtime) {
            case Runtimes.NODEJS, Runtimes.PYTHON3 -> found(runtime).executable().getParent() + ":" + system;
            case Runtimes.JAVA -> javaHome.resolve("bin") + ":" + system;
            default -> system;
        };
    }

    /** The Java worker's command line for a function of {@code memoryMb}. */
    List<String> javaCommand(int memoryMb) {
        return javaCommand(memoryMb, false);
    }

    /** The command line of a pre-started generic Java worker that warms up while it waits. */
    List<String> genericJavaCommand(int memoryMb) {
        return javaCommand(memoryMb, true);
    }

    private List<String> javaCommand(int memoryMb, boolean warmUp) {
        List<String> classPath = classPath();
        var cmd = new ArrayList<String>(List.of(javaHome.resolve("bin/java").toString()));
        cmd.addAll(jvmFlags());
        cmd.add("-Xmx" + heapMb(memoryMb) + "m");
        aotCache().ifPresent(cache -> cmd.add("-XX:AOTCache=" + cache));
        cmd.add("-cp");
        cmd.add(String.join(java.io.File.pathSeparator, classPath));
        cmd.add(WORKER_MAIN);
        if (warmUp) {
            cmd.add(dev.kumo.process.worker.WorkerMain.WARM_UP);
        }
        return cmd;
    }

    /** Flags of every worker JVM, the training run's included (the AOT cache requires the same ones). */
    static List<String> jvmFlags() {
        return List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
                "-XX:+UseCompactObjectHeaders", "-XX:-UsePerfData", "-XX:+ExitOnOutOfMemoryError",
                "-Xlog:aot=off", "-Xlog:cds=off",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED");
    }

    /** Heap for a function of {@code memoryMb}: three quarters, the rest is metaspace, stacks and code. */
    static int heapMb(int memoryMb) {
        return Math.max(48, memoryMb * 3 / 4);
    }

    /** The worker JVM's class path: the worker home's {@code lib/} jars (sorted), else this JVM's own. */
    List<String> classPath() {
        List<String> known = classPath;
        if (known == null) {
            known = findClassPath();
            classPath = known;
        }
        return known;
    }

    private List<String> findClassPath() {
        if (workerHome.isPresent() && Files.isDirectory(workerHome.get().resolve("lib"))) {
            try (var jars = Files.list(workerHome.get().resolve("lib"))) {
                return jars.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
    }

    /** The trained AOT cache, when the worker home has one trained for the class path workers get. */
    Optional<Path> aotCache() {
        return workerHome.filter(h -> Files.isRegularFile(h.resolve(AOT_CACHE)) && AotTraining.matches(h, classPath()))
                .map(h -> h.resolve(AOT_CACHE));
    }

    private Path bootstrap(String name) {
        Path target = workDir.resolve("runtimes").resolve(name);
        if (!Files.isRegularFile(target)) {
            try (InputStream in = WorkerRuntimes.class.getResourceAsStream("bootstrap/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("bootstrap " + name + " missing from kumo-process");
                }
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), name, ".tmp");
                Files.write(tmp, in.readAllBytes());
                // readable by the sandbox's unprivileged user (a temp file starts as 0600)
                Files.setPosixFilePermissions(tmp,
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return target;
    }

    private Interpreter.Found found(String runtime) {
        return switch (interpreter(runtime)) {
            case Interpreter.Found f -> f;
            case Interpreter.Missing m -> throw new IllegalStateException(m.reason());
        };
    }

    private Interpreter interpreter(String runtime) {
        return interpreters.computeIfAbsent(runtime, r -> switch (r) {
            case Runtimes.NODEJS -> locate(searchPath, "node", "-p", "process.execPath");
            case Runtimes.PYTHON3 -> locate(searchPath, "python3", "-c", "import sys; print(sys.executable)");
            default -> throw new IllegalArgumentException(r);
        });
    }

    /** Finds {@code name} on {@code path} and asks it for its real executable (pyenv shims resolve). */
    private static Interpreter locate(String path, String name, String... probe) {
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (!Files.isExecutable(candidate)) {
                continue;
            }
            try {
                var cmd = new ArrayList<String>(List.of(candidate.toString()));
                cmd.addAll(List.of(probe));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.isExecutable(Path.of(out))) {
                    Path exe = Path.of(out).toRealPath();
                    Path home = exe.getParent().getParent();
                    return new Interpreter.Found(exe, home == null ? exe.getParent() : home);
                }
            } catch (IOException e) {
                // try the next directory
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Interpreter.Missing("the runtime needs '" + name + "' on the server's PATH (" + path
                + "); none was found that runs");
    }
}
