package dev.kumo.bench;

import dev.kumo.async.AsyncSettings;
import dev.kumo.server.KumoServer;
import dev.kumo.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What the benchmarks share: options, progress output, and the servers under test, started on first use
 * and stopped at the end of the run. Kumo runs in this JVM with the example functions deployed from the
 * examples jar, as {@code ./kumo up} serves them; the raw Netty baseline runs beside it.
 */
final class BenchContext implements AutoCloseable {

    /** The path of a warm invocation of the {@code noop} example. */
    static final String NOOP_INVOKE = "/v1/functions/noop/invoke";
    /** The tiny JSON body every HTTP benchmark sends. */
    static final String BODY = "{\"ping\":1}";

    /** Node memory budget (sum of live instances' {@code memoryMb}) for the servers under test. */
    static final int ADMISSION_BUDGET_MB = 1 << 20;

    private final BenchOptions options;
    private final Progress progress;
    private KumoServer kumo;
    private Path kumoData;
    private RawNettyServer raw;

    BenchContext(BenchOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    BenchOptions options() {
        return options;
    }

    /** Prints a progress line. */
    void say(String benchmark, String message) {
        progress.say(benchmark, message);
    }

    /** The in-process Kumo server, started (with examples, on a fresh data folder) on first call. */
    Endpoint kumo() {
        if (kumo == null) {
            try {
                kumoData = Files.createTempDirectory("kumo-bench-data-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a data folder", e);
            }
            ServerConfig defaults = ServerConfig.defaults();
            // The admission budget is lifted so that cold-start rounds never wait for keep-alive expiry.
            // The async queue bound is lifted too, so that the enqueue benchmark measures acknowledgements, not 429s;
            // the node's payload budget stays at its default, which the no-op's tiny payloads never reach.
            var async = defaults.async();
            kumo = KumoServer.start(defaults.withPort(0).withDataDir(kumoData).withExamples(ExamplesJar.path())
                    .withLimits(ADMISSION_BUDGET_MB, defaults.maxInFlight(), defaults.maxSyncPayloadBytes())
                    .withAsync(new AsyncSettings(10_000_000, async.maxQueuedBytes(), async.idempotencyWindow(),
                            async.callbackHosts(), async.retryBase(), async.retryMax(), async.callbackAttempts()),
                            defaults.maxAsyncPayloadBytes()));
            new KumoApi(kumo.uri()).awaitReady(Duration.ofSeconds(60));
        }
        return new Endpoint("kumo", "127.0.0.1", kumo.port(), NOOP_INVOKE);
    }

    /** The raw Netty baseline server, started on first call. */
    Endpoint raw() {
        if (raw == null) {
            raw = RawNettyServer.start(0);
        }
        return new Endpoint("raw netty (" + raw.transport() + ")", "127.0.0.1", raw.port(), NOOP_INVOKE);
    }

    /** A port that was free a moment ago. */
    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Deletes a folder tree, best effort. */
    static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp data left behind is harmless
        }
    }

    @Override
    public void close() {
        if (raw != null) {
            raw.close();
        }
        if (kumo != null) {
            kumo.close();
            deleteTree(kumoData);
        }
    }
}
