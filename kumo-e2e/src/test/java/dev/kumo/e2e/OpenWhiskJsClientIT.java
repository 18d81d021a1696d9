package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kumo's OpenWhisk-compatible API driven by the official {@code openwhisk} npm client (pinned in
 * {@code src/test/resources/openwhisk-js/package.json}, installed into {@code target/openwhisk-js} with npm on
 * first run): create, update, get, list, blocking and non-blocking invokes, activations, logs, errors,
 * triggers and rules, a wrong key. Needs {@code node} and {@code npm} on the PATH and the npm registry once.
 */
class OpenWhiskJsClientIT {

    @Test
    void theOfficialJavaScriptClientWorksUnchanged(@TempDir Path data) throws Exception {
        Path dir = install();
        try (var node = Node.start(data)) {
            var builder = new ProcessBuilder(executable("node"), "client-check.js").directory(dir.toFile())
                    .redirectErrorStream(true);
            builder.environment().putAll(Map.of("KUMO_OW_APIHOST", node.server.uri().toString(),
                    "KUMO_OW_AUTH", OpenWhiskIT.GUEST,
                    "KUMO_EXAMPLES_JAR", Node.examplesJar().toAbsolutePath().toString()));
            var process = builder.start();
            process.getOutputStream().close();
            var output = new StringBuilder();
            var reader = Thread.ofVirtual().start(() -> {
                try {
                    output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    output.append("cannot read the client's output: ").append(e.getMessage());
                }
            });
            boolean done = process.waitFor(120, TimeUnit.SECONDS);
            if (!done) {
                process.destroyForcibly();
            }
            reader.join(5_000);
            System.out.println(output);
            assertThat(done).as("the client finished in 120 s; output:\n" + output).isTrue();
            assertThat(process.exitValue()).as(output.toString()).isZero();
            assertThat(output).contains("ALL OK");
        }
    }

    /** Copies the script next to a pinned {@code openwhisk} installed with npm (once per target dir). */
    private static Path install() throws Exception {
        var source = Path.of(OpenWhiskJsClientIT.class.getResource("/openwhisk-js/client-check.js").toURI())
                .getParent();
        var dir = Path.of("target", "openwhisk-js").toAbsolutePath();
        Files.createDirectories(dir);
        for (var file : List.of("package.json", "client-check.js")) {
            Files.copy(source.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isRegularFile(dir.resolve("node_modules/openwhisk/package.json"))) {
            var npm = new ProcessBuilder(executable("npm"), "install", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            npm.getOutputStream().close();
            String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(npm.waitFor(300, TimeUnit.SECONDS)).as("npm install finished").isTrue();
            assertThat(npm.exitValue()).as("npm install of the openwhisk client failed:\n" + out).isZero();
        }
        return dir;
    }

    private static String executable(String name) {
        Optional<Path> found = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "")
                        .split(File.pathSeparator))
                .map(p -> Path.of(p, name)).filter(Files::isExecutable).findFirst();
        return found.orElseThrow(() -> new IllegalStateException(name + " is not on the PATH: this test drives "
                + "Kumo with the official openwhisk npm client and needs Node.js and npm")).toString();
    }
}
