package dev.kumo.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** A Kumo node in its own JVM, started like {@code ./kumo up}, so that tests can {@code kill -9} it. */
final class ForkedNode implements AutoCloseable {

    private static final Pattern UP = Pattern.compile("Kumo is up at (http://\\S+)");

    final Process process;
    final Http http;
    final URI uri;

    private ForkedNode(Process process, URI uri) {
        this.process = process;
        this.uri = uri;
        this.http = new Http(uri);
    }

    static ForkedNode start(Path data, String... extraArgs) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "dev.kumo.server.Main", "--port", "0",
                "--data", data.toString(), "--examples", Node.examplesJar().toString()));
        command.addAll(List.of(extraArgs));
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            var url = CompletableFuture.supplyAsync(() -> {
                try {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        var m = UP.matcher(line);
                        if (m.find()) {
                            drain(reader);
                            return m.group(1);
                        }
                    }
                    throw new IllegalStateException("forked node exited before it was up");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try {
                return new ForkedNode(process, URI.create(url.get(60, TimeUnit.SECONDS)));
            } catch (Exception e) {
                process.destroyForcibly();
                throw new IllegalStateException("forked node did not start", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void drain(BufferedReader reader) {
        Thread.ofVirtual().start(() -> {
            try {
                while (reader.readLine() != null) {
                    // keep the pipe empty so the child never blocks on stdout
                }
            } catch (IOException ignored) {
                // the child died; nothing to drain
            }
        });
    }

    /** Sends SIGKILL: no shutdown hook, no flush, like a power cut for the process. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    kill9();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
