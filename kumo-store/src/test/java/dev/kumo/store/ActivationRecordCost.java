package dev.kumo.store;

import com.sun.management.OperatingSystemMXBean;
import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A hand-run micro-measure (not a test, not JMH): the CPU the whole process spends per recorded activation,
 * at a paced rate, minus the CPU of the same loop that hands the activations to nobody. It includes the
 * background writer, the I/O thread, MVStore and the GC the store causes. Also prints the heap a retained
 * activation takes. Run with the test classpath:
 * {@code java -cp ... dev.kumo.store.ActivationRecordCost [rate/s] [seconds] [rounds]}.
 */
final class ActivationRecordCost {

    private static final String[] FUNCTIONS = {"greeter", "resize", "checkout", "audit"};
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static volatile Activation sink;

    private ActivationRecordCost() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        var dir = Files.createTempDirectory("kumo-record-cost");
        var clock = InstantSource.system();
        try (var store = EmbeddedStore.open(dir, StoreOptions.defaults().withClock(clock))) {
            measure(store, dir, clock, rate, seconds, rounds);
        } finally {
            deleteTree(dir);
        }
    }

    private static void measure(EmbeddedStore store, Path dir, InstantSource clock, int rate, int seconds,
                                int rounds) throws Exception {
        Consumer<Activation> none = a -> sink = a;
        Consumer<Activation> record = store.activations()::record;
        run(none, clock, rate, 3, store); // warm-up
        run(record, clock, rate, 3, store);
        for (int r = 0; r < rounds; r++) {
            long control = run(none, clock, rate, seconds, store);
            var threads = threadCpu();
            long stored = run(record, clock, rate, seconds, store);
            long n = (long) rate * seconds;
            System.out.printf("round %d: control %.3f us/op, with store %.3f us/op, store %.3f us/activation%n",
                    r, control / 1e3 / n, stored / 1e3 / n, (stored - control) / 1e3 / n);
            printThreadCpu(threads, n);
        }
        System.out.printf("dropped writes: %d, file %d KiB%n", store.droppedActivationWrites(),
                Files.size(dir.resolve("kumo.mv.db")) / 1024);
        System.out.printf("heap per retained activation: %d bytes (the activation alone: %d bytes)%n",
                retainedBytes(clock), activationBytes(clock));
    }

    /** Process CPU nanoseconds to hand {@code rate} activations a second to {@code to} for {@code seconds}. */
    private static long run(Consumer<Activation> to, InstantSource clock, int rate, int seconds,
                            EmbeddedStore store) {
        long perMilli = rate / 1_000;
        long cpu0 = OS.getProcessCpuTime();
        long start = System.nanoTime();
        for (long ms = 0; ms < seconds * 1_000L; ms++) {
            for (int i = 0; i < perMilli; i++) {
                to.accept(activation(clock.instant(), i));
            }
            long due = start + (ms + 1) * 1_000_000L;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
        }
        store.flushActivations();
        return OS.getProcessCpuTime() - cpu0;
    }

    private static Map<String, Long> threadCpu() {
        var mx = ManagementFactory.getThreadMXBean();
        var out = new HashMap<String, Long>();
        for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null) {
                out.merge(info.getThreadName().replaceAll("-\\d+$", ""), mx.getThreadCpuTime(info.getThreadId()),
                        Long::sum);
            }
        }
        return out;
    }

    /** CPU per activation of each kind of Java thread since {@code before}; the rest of the process is the VM's. */
    private static void printThreadCpu(Map<String, Long> before, long n) {
        var after = threadCpu();
        var line = new StringBuilder("  threads (us/activation):");
        after.forEach((name, ns) -> {
            double us = (ns - before.getOrDefault(name, 0L)) / 1e3 / n;
            if (us >= 0.01) {
                line.append(String.format(" %s %.3f", name, us));
            }
        });
        System.out.println(line);
    }

    static Activation activation(Instant start, int i) {
        return new Activation(ActivationId.random(), FUNCTIONS[i & 3], "$LATEST", ActivationStatus.SUCCESS, false,
                start, 0.42, 0, 0.03, 256, 24, 31, Optional.of("{\"greeting\":\"hello Ada\",\"n\":" + i + "}"),
                Optional.empty(), List.of("INFO greeting Ada"));
    }

    /**
     * Heap per activation retained at steady state, the activation itself and MVStore's share included: the
     * growth from 5,000 to 15,000 records in a store that keeps 20,000.
     */
    private static long retainedBytes(InstantSource clock) throws Exception {
        var options = StoreOptions.defaults().withMaxActivations(20_000);
        var dir = Files.createTempDirectory("kumo-record-heap");
        try (var store = EmbeddedStore.open(dir, options)) {
            for (int i = 0; i < 5_000; i++) {
                store.activations().record(activation(clock.instant(), i));
            }
            store.flushActivations();
            long before = usedHeap();
            for (int i = 0; i < 10_000; i++) {
                store.activations().record(activation(clock.instant(), i));
            }
            store.flushActivations();
            return (usedHeap() - before) / 10_000;
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (var file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static long activationBytes(InstantSource clock) {
        int n = StoreOptions.DEFAULT_MAX_ACTIVATIONS;
        long before = usedHeap();
        var kept = new ArrayList<Activation>(n);
        for (int i = 0; i < n; i++) {
            kept.add(activation(clock.instant(), i));
        }
        long bytes = (usedHeap() - before) / n;
        sink = kept.getLast();
        return bytes;
    }

    private static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        var rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
