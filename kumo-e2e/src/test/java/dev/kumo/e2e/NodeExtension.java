package dev.kumo.e2e;

import dev.kumo.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-process node shared by the tests of a class, on a fresh data directory that is deleted afterwards:
 * {@code @RegisterExtension static final NodeExtension kumo = new NodeExtension();}.
 */
final class NodeExtension implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<ServerConfig> tweak;
    private Path data;
    private Node node;

    NodeExtension() {
        this(c -> c);
    }

    NodeExtension(UnaryOperator<ServerConfig> tweak) {
        this.tweak = tweak;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        data = Files.createTempDirectory("kumo-e2e-");
        node = Node.start(data, tweak);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        node.close();
        try (var paths = Files.walk(data)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Node node() {
        return node;
    }

    Http http() {
        return node.http;
    }
}
