package dev.kumo.process;

import dev.kumo.process.isolation.Confinement;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One worker process: its output pump, its stdin (kept open: workers Kumo ships exit when it closes, so they
 * die with the server), its confinement and, once it serves a function, its Runtime API endpoint. Killing takes
 * the whole tree: the confinement's kill (the cgroup), then every descendant and the process itself.
 */
final class Worker implements AutoCloseable {

    private final Process process;
    private final WorkerOutput output;
    private final OutputStream stdin;
    private volatile Confinement confinement;
    private volatile RuntimeEndpoint endpoint;
    private volatile boolean killed;
    private volatile int deferredCpuShares;

    private Worker(Process process, Confinement confinement, String name, boolean syncs) {
        this.process = process;
        this.confinement = confinement;
        this.output = new WorkerOutput(process.getInputStream(), name, syncs);
        this.stdin = process.getOutputStream();
    }

    /**
     * Starts {@code confinement.command()} with exactly {@code env} (nothing of the server's environment) in
     * {@code dir}; its output goes to {@code log} until told otherwise. {@code syncs}: the worker is one of Kumo's
     * runtimes, which mark the ends of their output (see {@link WorkerOutput}).
     */
    static Worker launch(Confinement confinement, Map<String, String> env, Path dir, String name, ActivationLog log,
                         boolean syncs) throws IOException {
        var builder = new ProcessBuilder(confinement.command()).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            confinement.close();
            throw e;
        }
        var worker = new Worker(process, confinement, name, syncs);
        worker.output.start(log);
        return worker;
    }

    long pid() {
        return process.pid();
    }

    WorkerOutput output() {
        return output;
    }

    Confinement confinement() {
        return confinement;
    }

    RuntimeEndpoint endpoint() {
        return endpoint;
    }

    void serve(RuntimeEndpoint runtimeEndpoint) {
        this.endpoint = runtimeEndpoint;
    }

    void confine(Confinement adopted) {
        Confinement old = this.confinement;
        this.confinement = adopted;
        old.close();
    }

    /** Sets the CPU weight to give the worker's cgroup once its function is initialized ({@link #initialized}). */
    void deferCpuShares(int shares) {
        deferredCpuShares = shares;
    }

    /** The function finished its initialization: applies a deferred CPU weight. */
    void initialized() {
        int shares = deferredCpuShares;
        if (shares > 0) {
            deferredCpuShares = 0;
            confinement.cgroup().ifPresent(g -> g.cpuShares(shares));
        }
    }

    /** Writes one line to the worker's stdin (the specialization message of a generic worker JVM). */
    void tell(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Completes when the process has exited. */
    CompletableFuture<Process> exited() {
        return process.onExit();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Whether the worker was killed by Kumo (deadline, close) rather than dying on its own. */
    boolean killedByUs() {
        return killed;
    }

    /** SIGKILLs the worker and everything it started. */
    void kill() {
        killed = true;
        confinement.kill();
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Why the worker ended: an out-of-memory kill (the cgroup says so, a JVM that exited on
     * {@code OutOfMemoryError}, or a runtime that printed that its heap ran out) or a crash, with exit code or
     * signal.
     */
    Death death(boolean jvm) {
        output.awaitEnd(200);
        int code = process.exitValue();
        List<String> tail = output.tail();
        boolean oom = confinement.oomKilled() || (jvm && code == WorkerMainExit.OUT_OF_MEMORY)
                || tail.stream().anyMatch(l -> l.contains("heap out of memory") || l.contains("OutOfMemoryError")
                        || l.startsWith("MemoryError"));
        String how = code > 128 ? "signal " + signalName(code - 128) : "exit code " + code;
        return new Death(oom, code, how, tail);
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 9 -> "SIGKILL (9)";
            case 6 -> "SIGABRT (6)";
            case 11 -> "SIGSEGV (11)";
            case 15 -> "SIGTERM (15)";
            case 7 -> "SIGBUS (7)";
            case 4 -> "SIGILL (4)";
            default -> Integer.toString(signal);
        };
    }

    /** How a worker process ended. */
    record Death(boolean outOfMemory, int exitCode, String how, List<String> tail) {
    }

    /** Kills the worker, closes its endpoint and frees its confinement. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        RuntimeEndpoint e = endpoint;
        if (e != null) {
            e.close();
        }
        confinement.close();
    }

    /** Exit codes the Java worker uses. */
    static final class WorkerMainExit {
        /** {@code -XX:+ExitOnOutOfMemoryError} exits with 3. */
        static final int OUT_OF_MEMORY = 3;

        private WorkerMainExit() {
        }
    }
}
