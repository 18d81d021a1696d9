package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.cli.KumoCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CLI drives a real server: deploy, invoke, publish, alias, activations, logs, and its exit codes. */
class CliIT {

    @RegisterExtension
    static final NodeExtension kumo = new NodeExtension();

    record Run(int exit, String out, String err) {
    }

    private static Run kumo(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = KumoCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("KUMO_URL", kumo.node().server.uri().toString()),
                args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tourThroughTheCli() {
        var deploy = kumo("fn", "deploy", "cli-hello", "--jar", Node.examplesJar().toString(),
                "--handler", "dev.kumo.examples.Hello", "--memory", "192");
        assertThat(deploy.exit()).as(deploy.err()).isZero();

        var invoke = kumo("invoke", "cli-hello", "--data", "{\"name\":\"Cli\"}");
        assertThat(invoke.exit()).as(invoke.err()).isZero();
        assertThat(invoke.out()).contains("Hello, Cli!");
        var id = Pattern.compile("[0-9a-f]{32}").matcher(invoke.err());
        assertThat(id.find()).as(invoke.err()).isTrue();

        var logs = kumo("logs", id.group());
        assertThat(logs.exit()).isZero();
        assertThat(logs.out()).contains("greeting Cli");

        var activations = kumo("activations", "--function", "cli-hello", "--limit", "5");
        assertThat(activations.exit()).isZero();
        assertThat(activations.out()).contains(id.group().substring(0, 12));

        assertThat(kumo("fn", "publish", "cli-hello").exit()).isZero();
        assertThat(kumo("alias", "set", "cli-hello", "stable", "--version", "1").exit()).isZero();
        var viaAlias = kumo("invoke", "cli-hello", "--qualifier", "stable", "--data", "{}");
        assertThat(viaAlias.out()).contains("Hello, world!");
        assertThat(kumo("fn", "list").out()).contains("cli-hello").contains("hello");
        assertThat(kumo("fn", "get", "cli-hello").out()).contains("192");
    }

    @Test
    void failuresHaveNamedExitCodesAndOneLineErrors() {
        var missing = kumo("invoke", "no-such-function");
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.err().strip()).startsWith("kumo: ").doesNotContain("\n").doesNotContain("Exception");

        var failed = kumo("invoke", "fail");
        assertThat(failed.exit()).isEqualTo(1);

        var badData = kumo("invoke", "echo", "--data", "{oops");
        assertThat(badData.exit()).isEqualTo(2);

        var unreachable = KumoCli.run(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), Map.of("KUMO_URL", "http://127.0.0.1:1"), "fn", "list");
        assertThat(unreachable).isEqualTo(6);
    }
}
