package dev.kumo.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Build-time step (run by the module's {@code package} phase): trains the worker JVM's AOT cache. It starts the
 * exact command line a worker gets at run time (same flags, same class path from the worker home's {@code lib/})
 * with {@code -XX:AOTCacheOutput}, in training mode: the worker serves a few invocations of
 * {@link dev.kumo.process.worker.TrainingHandler} from its own jar. Next to the cache it writes the class path
 * it was trained with; a worker uses the cache only when its class path is the same. A failed training leaves
 * no cache and does not fail the build: workers then start without one.
 */
final class AotTraining {

    static final String CLASSPATH_FILE = WorkerRuntimes.AOT_CACHE + ".classpath";

    private AotTraining() {
    }

    /** {@code args[0]}: the worker home ({@code target/worker}). */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        Path cache = home.resolve(WorkerRuntimes.AOT_CACHE);
        Files.deleteIfExists(cache);
        Files.deleteIfExists(home.resolve(CLASSPATH_FILE));
        Files.deleteIfExists(home.resolve(WorkerRuntimes.AOT_CACHE + ".config"));
        var runtimes = new WorkerRuntimes(Files.createTempDirectory("kumo-aot-"), Optional.of(home));
        List<String> classPath = runtimes.classPath();
        Optional<String> self = classPath.stream().filter(p -> Path.of(p).getFileName().toString()
                .startsWith("kumo-process")).findFirst();
        if (self.isEmpty()) {
            System.out.println("[kumo] no kumo-process jar in " + home.resolve("lib") + ": AOT training skipped");
            return;
        }
        var command = new ArrayList<>(runtimes.javaCommand(256));
        command.add(command.indexOf("-cp"), "-XX:AOTCacheOutput=" + cache);
        command.addAll(List.of("--train", self.get(), "dev.kumo.process.worker.TrainingHandler"));
        long start = System.nanoTime();
        // The JVM reports each step of writing the cache on its console: keep that in a log, shown on failure.
        Path log = home.resolve("aot-training.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = process.waitFor(5, TimeUnit.MINUTES);
        if (!done || process.exitValue() != 0 || !Files.isRegularFile(cache)) {
            process.destroyForcibly();
            Files.deleteIfExists(cache);
            System.out.println("[kumo] AOT training failed (exit " + (done ? process.exitValue() : "timeout")
                    + "): workers start without an AOT cache; its output, from " + log + ":");
            System.out.println(Files.readString(log));
            return;
        }
        Files.deleteIfExists(home.resolve(WorkerRuntimes.AOT_CACHE + ".config"));
        Files.writeString(home.resolve(CLASSPATH_FILE), String.join(java.io.File.pathSeparator, classPath));
        System.out.printf("[kumo] trained %s (%d KiB) in %d ms (log: %s)%n", cache, Files.size(cache) / 1024,
                (System.nanoTime() - start) / 1_000_000, log.getFileName());
    }

    /** Whether the cache in {@code home} was trained with exactly {@code classPath}. */
    static boolean matches(Path home, List<String> classPath) {
        try {
            Path file = home.resolve(CLASSPATH_FILE);
            return Files.isRegularFile(file)
                    && Files.readString(file).equals(String.join(java.io.File.pathSeparator, classPath));
        } catch (IOException e) {
            return false;
        }
    }
}
