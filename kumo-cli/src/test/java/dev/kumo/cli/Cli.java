package dev.kumo.cli;

import dev.kumo.client.Fixtures;
import dev.kumo.client.StubServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs {@link KumoCli#run} in-process and captures what it printed. */
record Cli(int exit, String out, String err) {

    static Cli run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = KumoCli.run(o, e, env, args);
        }
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs against {@code server} through {@code KUMO_URL}. */
    static Cli against(StubServer server, String... args) {
        return run(Map.of("KUMO_URL", server.uri().toString()), args);
    }
}
