package dev.kumo.store;

import dev.kumo.core.ActivationId;
import dev.kumo.core.event.QueuedInvocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * A hand-run micro-measure (not a test, not JMH): durable {@code enqueue} calls per second from {@code threads}
 * virtual threads, each waiting for its call to be synced before the next, and how many calls share one sync.
 * Run with the test classpath:
 * {@code java -cp ... dev.kumo.store.QueueThroughput [threads] [payload bytes] [seconds] [rounds] [keyed]}.
 */
final class QueueThroughput {

    private QueueThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int payloadBytes = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        boolean keyed = args.length > 4 && Boolean.parseBoolean(args[4]);
        var dir = Files.createTempDirectory("kumo-queue-throughput");
        var payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) 'x');
        try (var store = EmbeddedStore.open(dir, StoreOptions.defaults())) {
            run(store, threads, payload, 1, keyed); // warm-up
            for (int r = 0; r < rounds; r++) {
                long syncs = store.queueSyncs();
                long changes = store.queueChanges();
                long started = System.nanoTime();
                long done = run(store, threads, payload, seconds, keyed);
                double elapsed = (System.nanoTime() - started) / 1e9;
                long s = store.queueSyncs() - syncs;
                System.out.printf("threads=%d payload=%dB keyed=%s: %,.0f enqueues/s, %,d syncs (%,.0f/s),"
                                + " %.1f enqueues per sync, file %,d KB%n", threads, payloadBytes, keyed,
                        done / elapsed, s, s / elapsed, (store.queueChanges() - changes) / (double) s,
                        Files.size(dir.resolve("kumo.mv.db")) / 1024);
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static long run(EmbeddedStore store, int threads, byte[] payload, int seconds, boolean keyed)
            throws InterruptedException {
        var count = new LongAdder();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        var clock = InstantSource.system();
        var workers = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    var id = ActivationId.random();
                    Instant now = clock.instant();
                    store.queue().enqueue(QueuedInvocation.accept(id, "bench", "$LATEST", payload, now, "api",
                            Optional.empty(), keyed ? Optional.of(id.value()) : Optional.empty()), Duration.ofHours(1));
                    count.increment();
                }
            }));
        }
        for (var w : workers) {
            w.join();
        }
        return count.sum();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (var p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
