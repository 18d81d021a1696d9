package dev.kumo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local Redis server (Debian package {@code redis-server}) started by the benchmark on a free loopback
 * port with no snapshots, and {@code redis-benchmark} run against it. Stopped by PID when closed.
 */
final class RedisBaseline implements AutoCloseable {

    /**
     * One {@code redis-benchmark} result.
     *
     * @param requestsPerSec throughput
     * @param p50Ms          median latency
     * @param p99Ms          99th percentile latency
     */
    record Result(double requestsPerSec, double p50Ms, double p99Ms) {
    }

    private final Process server;
    private final int port;
    private final String benchmark;

    private RedisBaseline(Process server, int port, String benchmark) {
        this.server = server;
        this.port = port;
        this.benchmark = benchmark;
    }

    /** Starts {@code redis-server} on loopback (no RDB snapshots, no append-only file) and waits until it answers. */
    static RedisBaseline start() {
        String serverExe = find("redis-server");
        String benchmarkExe = find("redis-benchmark");
        int port = BenchContext.freePort();
        try {
            Path dir = Files.createTempDirectory("kumo-bench-redis-");
            var process = new ProcessBuilder(serverExe, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            var redis = new RedisBaseline(process, port, benchmarkExe);
            redis.awaitUp(Duration.ofSeconds(10));
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server", e);
        }
    }

    /** Makes every later write durable: {@code appendonly yes}, {@code appendfsync always}. */
    void fsyncEveryWrite() {
        command("CONFIG", "SET", "appendonly", "yes");
        command("CONFIG", "SET", "appendfsync", "always");
    }

    /** Runs {@code redis-benchmark -t lpush -n requests -c connections --csv} and parses its result. */
    Result lpush(int requests, int connections) {
        var cmd = List.of(benchmark, "-h", "127.0.0.1", "-p", Integer.toString(port), "-t", "lpush", "-n",
                Integer.toString(requests), "-c", Integer.toString(connections), "--csv");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("redis-benchmark failed (" + String.join(" ", cmd) + "):\n" + output);
            }
            return parse(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run redis-benchmark", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running redis-benchmark", e);
        }
    }

    /** Parses {@code "LPUSH","132275.14","0.259","0.080","0.255","0.335","0.447","2.031"} (Redis 7 CSV). */
    static Result parse(String csv) {
        for (String line : csv.split("\n")) {
            if (line.startsWith("\"LPUSH")) {
                var fields = new ArrayList<String>();
                for (String f : line.trim().split(",")) {
                    fields.add(f.replace("\"", ""));
                }
                if (fields.size() >= 7) {
                    return new Result(Double.parseDouble(fields.get(1)), Double.parseDouble(fields.get(4)),
                            Double.parseDouble(fields.get(6)));
                }
                // Redis 6 prints only test and rps
                return new Result(Double.parseDouble(fields.get(1)), Double.NaN, Double.NaN);
            }
        }
        throw new IllegalStateException("no LPUSH line in redis-benchmark output:\n" + csv);
    }

    private void awaitUp(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!server.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + server.exitValue());
            }
            try {
                if ("+PONG".equals(command("PING"))) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("redis-server did not answer within " + timeout);
    }

    /** Sends one command in RESP and returns the first reply line. */
    private String command(String... args) {
        var request = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            request.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a)
                    .append("\r\n");
        }
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            var in = socket.getInputStream();
            var line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
                line.append((char) c);
            }
            if (line.toString().startsWith("-")) {
                throw new IllegalStateException("redis: " + line);
            }
            return line.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String find(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, exe);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(exe + " not found on PATH; install it with: apt-get install -y redis-server");
    }

    /** Stops the server by its PID and waits for it. */
    @Override
    public void close() {
        server.destroy();
        try {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
