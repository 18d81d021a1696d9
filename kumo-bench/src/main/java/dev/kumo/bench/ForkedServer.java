package dev.kumo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kumo server in its own JVM ({@code java -cp <this class path> dev.kumo.server.Main}), so that its
 * memory can be read from the outside without the benchmark's own objects in it.
 */
final class ForkedServer implements AutoCloseable {

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s.*?used (\\d+)K");

    private final Process process;
    private final URI base;
    private final Path javaHome;

    private ForkedServer(Process process, URI base, Path javaHome) {
        this.process = process;
        this.base = base;
        this.javaHome = javaHome;
    }

    /**
     * Starts {@code dev.kumo.server.Main --port port --data dataDir [serverArgs]} (no examples) with the
     * running JDK and class path, its output going to {@code log}.
     */
    static ForkedServer start(int port, Path dataDir, Path log, List<String> jvmArgs, List<String> serverArgs) {
        Path javaHome = Path.of(System.getProperty("java.home"));
        List<String> cmd = new ArrayList<>();
        cmd.add(javaHome.resolve("bin").resolve("java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.kumo.server.Main",
                "--port", Integer.toString(port), "--data", dataDir.toString()));
        cmd.addAll(serverArgs);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            return new ForkedServer(p, URI.create("http://127.0.0.1:" + port), javaHome);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", cmd), e);
        }
    }

    /** The server's base URI. */
    URI base() {
        return base;
    }

    /** The server's process id. */
    long pid() {
        return process.pid();
    }

    /** Whether the process is still running. */
    boolean alive() {
        return process.isAlive();
    }

    /** RSS of the server and any child processes it started, in bytes. */
    long rssBytes() {
        return ProcStatus.treeRssBytes(process.toHandle());
    }

    /** Bytes of RSS that belong to child processes rather than the server itself. */
    long childRssBytes() {
        return rssBytes() - ProcStatus.rssBytes(process.pid()).orElse(0);
    }

    /** Runs a full GC in the server ({@code jcmd <pid> GC.run}). */
    void gc() {
        jcmd("GC.run");
    }

    /** Heap used as printed by {@code jcmd <pid> GC.heap_info}, in bytes; empty if it cannot be read. */
    OptionalDouble heapUsedFromJcmd() {
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
        return m.find() ? OptionalDouble.of(Long.parseLong(m.group(1)) * 1024.0) : OptionalDouble.empty();
    }

    private String jcmd(String command) {
        Path jcmd = javaHome.resolve("bin").resolve("jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + jcmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
