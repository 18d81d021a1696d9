package dev.kumo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code wrk} load generator (Debian package {@code wrk}) with one thread and a POST Lua script,
 * and parses its report.
 */
final class WrkRunner {

    private final String executable;

    private WrkRunner(String executable) {
        this.executable = executable;
    }

    /** Finds {@code wrk} on the PATH, failing with how to install it. */
    static WrkRunner find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "wrk");
            if (Files.isExecutable(candidate)) {
                return new WrkRunner(candidate.toString());
            }
        }
        throw new IllegalStateException("wrk not found on PATH; install it with: apt-get install -y wrk");
    }

    /** The Lua script that turns wrk's GETs into POSTs of a JSON body. */
    static String postScript(String jsonBody) {
        String quoted = jsonBody.replace("\\", "\\\\").replace("'", "\\'");
        return "wrk.method = \"POST\"\n"
                + "wrk.body = '" + quoted + "'\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n";
    }

    /**
     * Runs {@code wrk -t1 -c<connections> -d<duration> --latency} with a POST of {@code jsonBody}.
     *
     * @return the parsed report
     */
    WrkReport post(Endpoint endpoint, String jsonBody, int connections, Duration duration) {
        Path script = null;
        try {
            script = Files.createTempFile("kumo-bench-post-", ".lua");
            Files.writeString(script, postScript(jsonBody), StandardCharsets.UTF_8);
            long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
            List<String> cmd = List.of(executable, "-t1", "-c" + connections, "-d" + seconds + "s",
                    "--timeout", "10s", "--latency", "-s", script.toString(), endpoint.url().toString());
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            // wrk's output is a few hundred bytes; reading to EOF also waits for it to finish.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(seconds + 30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("wrk failed (" + String.join(" ", cmd) + "):\n" + output);
            }
            return WrkReport.parse(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run wrk", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running wrk", e);
        } finally {
            if (script != null) {
                try {
                    Files.deleteIfExists(script);
                } catch (IOException e) {
                    // a leftover temp file is harmless
                }
            }
        }
    }
}
