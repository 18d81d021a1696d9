package dev.kumo.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a running Kumo server with a {@link TraceSlice} on compressed time. Each app becomes one function
 * ({@code twin-N}, the {@code Replay} example, shared tier, one instance serving up to 1,000 invocations at once,
 * as the simulator's one-instance-per-app model assumes), with the app's memory as its {@code memoryMb}. Every
 * invocation is sent from its own virtual thread at its compressed start time and sleeps its compressed duration
 * while holding {@code memoryMb / factor} MB (at most 16 MB); the {@code Kumo-Cold-Start} answer header counts
 * cold starts. Meanwhile {@code kumo_memory_used_mb} is read from {@code /metrics} every
 * {@value #SAMPLE_MS} ms; the memory of apps with an invocation in flight at that moment is taken off to leave
 * the idle (kept-alive) memory, integrated up to the slice's horizon and scaled back to trace time.
 */
final class TraceReplayer {

    /** How the replay went, on trace time. */
    record Result(long invocations, long coldStarts, long failed, double loadedGbS, double idleGbS,
                  double maxLateMs, int samples) {
    }

    static final long SAMPLE_MS = 20;
    private static final int SLOTS = 1_000;
    private static final long MAX_HOLD_KB = 16 * 1024;

    private final URI base;
    private final TraceSlice slice;
    private final TimeCompression compression;
    private final HttpClient http;

    TraceReplayer(URI base, TraceSlice slice, TimeCompression compression) {
        this.base = base;
        this.slice = slice;
        this.compression = compression;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The function name of app number {@code app}. */
    static String functionName(int app) {
        return "twin-" + app;
    }

    /** Deploys one function per app of the slice. */
    void deploy(KumoApi api, byte[] examplesJar) {
        long longestMs = 0;
        for (long d : slice.durationMs()) {
            longestMs = Math.max(longestMs, d);
        }
        long timeoutMs = Math.clamp((long) compression.wallMs(longestMs) * 2 + 30_000, 1, 900_000);
        for (int a = 0; a < slice.apps().size(); a++) {
            int memoryMb = (int) slice.apps().get(a).memoryMb();
            api.deploy(functionName(a), new FunctionSpec(ExamplesJar.REPLAY, "shared", SLOTS, 1, memoryMb),
                    examplesJar, timeoutMs);
        }
    }

    /** Replays the slice in real time; returns when every invocation has answered. */
    Result replay() throws InterruptedException {
        int n = slice.size();
        var apps = slice.apps();
        var inFlight = new AtomicIntegerArray(apps.size());
        var cold = new AtomicLong();
        var failed = new AtomicLong();
        var maxLateNanos = new AtomicLong();
        var done = new CountDownLatch(n);
        long horizonNanos = (long) (compression.wallMs(slice.horizonMs()) * 1e6);
        var stop = new AtomicBoolean();
        var sampler = new MemorySampler(apps.stream().mapToInt(a -> (int) a.memoryMb()).toArray(), inFlight);
        long t0 = System.nanoTime();
        Thread samplerThread = Thread.ofVirtual().name("twin-sampler").start(() -> sampler.run(t0, horizonNanos, stop));
        try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                long due = t0 + (long) (compression.wallMs(slice.startMs()[i]) * 1e6);
                sleepUntil(due);
                maxLateNanos.accumulateAndGet(System.nanoTime() - due, Math::max);
                int app = slice.app()[i];
                long ms = Math.round(compression.wallMs(slice.durationMs()[i]));
                long kb = Math.min(MAX_HOLD_KB, Math.round(apps.get(app).memoryMb() * 1024 / compression.factor()));
                senders.execute(() -> {
                    inFlight.incrementAndGet(app);
                    try {
                        var r = send(app, "{\"ms\":" + ms + ",\"kb\":" + kb + "}");
                        if (r.statusCode() != 200) {
                            failed.incrementAndGet();
                        } else if (r.headers().firstValue("Kumo-Cold-Start").orElse("").equals("true")) {
                            cold.incrementAndGet();
                        }
                    } catch (IOException | RuntimeException e) {
                        failed.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        inFlight.decrementAndGet(app);
                        done.countDown();
                    }
                });
            }
            done.await();
        }
        samplerThread.join();
        stop.set(true);
        return new Result(n, cold.get(), failed.get(), compression.traceGbS(sampler.loadedMbMs),
                compression.traceGbS(sampler.idleMbMs), maxLateNanos.get() / 1e6, sampler.samples);
    }

    private HttpResponse<Void> send(int app, String body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(base.resolve("/v1/functions/" + functionName(app) + "/invoke"))
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(15))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding());
    }

    private static void sleepUntil(long dueNanos) throws InterruptedException {
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Integrates loaded and idle memory from the server's gauge; written by its thread, read after join. */
    private final class MemorySampler {

        private final int[] memoryMb;
        private final AtomicIntegerArray inFlight;
        private final KumoApi api = new KumoApi(base);
        double loadedMbMs;
        double idleMbMs;
        int samples;

        MemorySampler(int[] memoryMb, AtomicIntegerArray inFlight) {
            this.memoryMb = memoryMb;
            this.inFlight = inFlight;
        }

        void run(long t0, long horizonNanos, AtomicBoolean stop) {
            long end = t0 + horizonNanos;
            long last = t0;
            double lastUsed = 0;
            double lastIdle = 0;
            try {
                while (!stop.get()) {
                    double used = PrometheusText.sum(api.metrics(), "kumo_memory_used_mb", Map.of());
                    long now = System.nanoTime();
                    int busyMb = 0;
                    for (int a = 0; a < memoryMb.length; a++) {
                        busyMb += inFlight.get(a) > 0 ? memoryMb[a] : 0;
                    }
                    long upTo = Math.min(now, end);
                    double dtMs = Math.max(0, upTo - last) / 1e6;
                    // Left Riemann sum: the previous reading holds until this one.
                    loadedMbMs += lastUsed * dtMs;
                    idleMbMs += lastIdle * dtMs;
                    last = upTo;
                    lastUsed = Double.isNaN(used) ? 0 : used;
                    lastIdle = Math.max(0, lastUsed - busyMb);
                    samples++;
                    if (now >= end) {
                        return;
                    }
                    sleepUntil(Math.min(end, now + SAMPLE_MS * 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
