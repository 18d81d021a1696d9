package dev.kumo.e2e;

import dev.kumo.server.KumoServer;
import dev.kumo.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.function.UnaryOperator;

/** An in-process Kumo node on a free loopback port with its own data directory and the examples. */
final class Node implements AutoCloseable {

    final KumoServer server;
    final Http http;
    final Path data;

    private Node(KumoServer server, Path data) {
        this.server = server;
        this.data = data;
        this.http = new Http(server.uri());
    }

    static Path examplesJar() {
        var jar = Path.of(System.getProperty("kumo.examples.jar", "../examples/target/kumo-examples-0.1.0-SNAPSHOT.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("examples jar not built: " + jar.toAbsolutePath());
        }
        return jar;
    }

    static byte[] examplesJarBytes() {
        try {
            return Files.readAllBytes(examplesJar());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Node start(Path data) {
        return start(data, c -> c);
    }

    static Node start(Path data, UnaryOperator<ServerConfig> tweak) {
        return start(data, tweak, InstantSource.system());
    }

    static Node start(Path data, UnaryOperator<ServerConfig> tweak, InstantSource clock) {
        var config = tweak.apply(ServerConfig.defaults().withPort(0).withDataDir(data).withExamples(examplesJar()));
        return new Node(KumoServer.start(config, clock), data);
    }

    @Override
    public void close() {
        server.close();
    }
}
