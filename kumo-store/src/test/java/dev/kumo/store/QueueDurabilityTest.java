package dev.kumo.store;

import static dev.kumo.store.TestData.T0;
import static dev.kumo.store.TestData.queued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.core.ActivationId;
import dev.kumo.core.event.CallbackDelivery;
import dev.kumo.core.event.DeadLetter;
import dev.kumo.core.event.FollowUp;
import dev.kumo.core.event.QueuedInvocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes ({@link EmbeddedStore#crash}, what {@code kill -9} leaves) in the middle of concurrent queue writes. */
class QueueDurabilityTest {

    static final int THREADS = 32;

    @TempDir
    Path dir;

    /** One worker's acknowledged and attempted calls, by invocation id. */
    record Ledger(Set<ActivationId> attempted, Set<ActivationId> acknowledged) {

        Ledger() {
            this(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
        }
    }

    /** Runs {@code THREADS} workers until {@code acknowledged} calls succeeded, then crashes the store under them. */
    static void crashUnderLoad(EmbeddedStore store, int acknowledged, AtomicInteger done, Runnable work)
            throws InterruptedException {
        var workers = new ArrayList<Thread>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        work.run();
                    }
                } catch (RuntimeException stopped) { // the crash closed the store under this call
                }
            }));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> done.get() >= acknowledged);
        store.crash();
        for (var w : workers) {
            w.join();
        }
    }

    @Test
    void everyAcknowledgedEnqueueSurvivesACrashAndATornJournalTail() throws Exception {
        var store = EmbeddedStore.open(dir, TestData.options());
        var ledger = new Ledger();
        var done = new AtomicInteger();
        long syncsBefore = store.queueSyncs();
        crashUnderLoad(store, 2_000, done, () -> {
            var inv = queued("f", T0);
            ledger.attempted().add(inv.id());
            store.queue().enqueue(inv, Duration.ofHours(1));
            ledger.acknowledged().add(inv.id());
            done.incrementAndGet();
        });
        assertThat(store.queueSyncs() - syncsBefore).as("concurrent enqueues share syncs")
                .isLessThan(ledger.acknowledged().size());
        try (var journal = Files.newOutputStream(dir.resolve("kumo.journal"), StandardOpenOption.APPEND)) {
            journal.write(new byte[] {0, 0, 0, 9, 1, 2}); // a record torn by the crash
        }

        try (var reopened = EmbeddedStore.open(dir, TestData.options())) {
            var pending = new HashSet<>(reopened.queue().pending().stream().map(QueuedInvocation::id).toList());
            assertThat(pending).containsAll(ledger.acknowledged());
            assertThat(ledger.attempted()).containsAll(pending);
        }
    }

    @Test
    void aCompletionAndWhatFollowsItSurviveTogetherOrNotAtAll() throws Exception {
        var store = EmbeddedStore.open(dir, TestData.options());
        var enqueued = new Ledger();
        var completed = new Ledger();
        var destinations = new ConcurrentHashMap<ActivationId, ActivationId>();
        var done = new AtomicInteger();
        crashUnderLoad(store, 600, done, () -> {
            var inv = queued("f", T0);
            enqueued.attempted().add(inv.id());
            store.queue().enqueue(inv, Duration.ofHours(1));
            enqueued.acknowledged().add(inv.id());
            var destination = queued("on-failure", T0);
            destinations.put(inv.id(), destination.id());
            var followUp = new FollowUp(Optional.of(new DeadLetter(inv, T0, "failed")), List.of(destination),
                    List.of(new CallbackDelivery(inv.id(), "http://h", new byte[] {1}, 0, T0, T0)));
            completed.attempted().add(inv.id());
            store.queue().complete(inv.id(), followUp);
            completed.acknowledged().add(inv.id());
            done.incrementAndGet();
        });

        try (var reopened = EmbeddedStore.open(dir, TestData.options())) {
            var queue = reopened.queue();
            var pending = new HashSet<>(queue.pending().stream().map(QueuedInvocation::id).toList());
            var callbacks = new HashSet<>(queue.pendingCallbacks().stream().map(CallbackDelivery::activation)
                    .toList());
            for (var id : enqueued.acknowledged()) {
                boolean finished = !pending.contains(id);
                assertThat(queue.deadLetter("f", id).isPresent()).as("dead letter of %s", id).isEqualTo(finished);
                assertThat(callbacks.contains(id)).as("callback of %s", id).isEqualTo(finished);
                assertThat(pending.contains(destinations.get(id))).as("destination of %s", id).isEqualTo(finished);
            }
            assertThat(pending).doesNotContainAnyElementsOf(completed.acknowledged());
            assertThat(enqueued.attempted()).containsAll(pending.stream()
                    .filter(id -> !destinations.containsValue(id)).toList());
        }
    }

    @Test
    void aJournalOfEveryKindOfChangeReplaysAfterRepeatedCrashes() throws IOException {
        var store = EmbeddedStore.open(dir, TestData.options());
        var kept = queued("f", T0);
        var redriven = queued("f", T0);
        store.queue().enqueue(kept, Duration.ofHours(1));
        store.queue().enqueue(redriven, Duration.ofHours(1));
        store.queue().complete(redriven.id(), new FollowUp(Optional.of(new DeadLetter(redriven, T0, "x")),
                List.of(), List.of()));
        var replacement = queued("f", T0.plusSeconds(1));
        store.queue().redrive("f", redriven.id(), replacement);
        store.queue().fire("s", T0, queued("f", T0.plusSeconds(2)));
        store.crash();

        for (int crash = 0; crash < 2; crash++) {
            store = EmbeddedStore.open(dir, TestData.options());
            assertThat(store.queue().pending()).extracting(QueuedInvocation::id)
                    .startsWith(kept.id(), replacement.id()).hasSize(3);
            assertThat(store.queue().deadLetter("f", redriven.id())).isEmpty();
            assertThat(store.queue().lastFire("s")).contains(T0);
            assertThat(Files.size(dir.resolve("kumo.journal"))).as("checkpointed on open").isZero();
            store.crash();
        }
    }
}
