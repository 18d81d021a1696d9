package dev.kumo.server;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Tests sharing one {@link RunningServer} with the default configuration, started once per test class. */
public abstract class WithRunningServer {

    @TempDir
    static Path data;
    /** The node under test. */
    protected static RunningServer node;

    @BeforeAll
    static void start() {
        node = RunningServer.start(data, c -> c);
    }

    @AfterAll
    static void stop() {
        node.close();
    }
}
