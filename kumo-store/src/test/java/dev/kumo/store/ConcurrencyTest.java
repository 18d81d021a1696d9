package dev.kumo.store;

import static dev.kumo.store.TestData.T0;
import static dev.kumo.store.TestData.activation;
import static dev.kumo.store.TestData.code;
import static dev.kumo.store.TestData.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.core.Activation;
import dev.kumo.core.Alias;
import dev.kumo.core.ConflictException;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.InvalidRequestException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {

    @TempDir
    Path dir;

    @Test
    void concurrentRegistryWritersLoseNothing() throws Exception {
        int writers = 6;
        int rounds = 8;
        try (var store = EmbeddedStore.open(dir, TestData.options())) {
            runAll(writers, w -> () -> {
                for (int r = 0; r < rounds; r++) {
                    store.functions().putLatest("shared", config(), code('a'), T0);
                    store.functions().putLatest("own-" + w, config(128 + r), code('b'), T0);
                    store.versions().publish("own-" + w, "", T0);
                }
                return null;
            });

            assertThat(store.functions().get("shared", "$LATEST").orElseThrow().revision())
                    .isEqualTo(writers * rounds);
            for (int w = 0; w < writers; w++) {
                assertThat(store.versions().list("own-" + w, "", 100).items()).extracting(FunctionVersion::version)
                        .containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
            }
        }
        try (var reopened = EmbeddedStore.open(dir, TestData.options())) {
            assertThat(reopened.functions().list("", 100).items()).hasSize(writers + 1);
        }
    }

    @Test
    void aliasAndVersionDeleteRacesEndConsistent() throws Exception {
        try (var store = EmbeddedStore.open(dir, TestData.options())) {
            store.functions().putLatest("hello", config(), code('a'), T0);
            for (int round = 1; round <= 10; round++) {
                store.functions().putLatest("hello", config(), code("0123456789abcdef".charAt(round)), T0);
                var version = store.versions().publish("hello", "", T0).orElseThrow().version();
                var results = runAll(2, i -> () -> {
                    try {
                        return i == 0
                                ? putAlias(store, version)
                                : store.versions().delete("hello", version);
                    } catch (ConflictException | InvalidRequestException e) {
                        return false;
                    }
                });
                boolean aliased = results.get(0);
                boolean deleted = results.get(1);
                assertThat(aliased && deleted).as("round %d", round).isFalse();
                assertThat(store.functions().get("hello", version).isPresent()).isEqualTo(!deleted);
                store.aliases().delete("hello", "live");
            }
        }
    }

    @Test
    void concurrentRecordersAreAllListedInOrder() throws Exception {
        try (var store = EmbeddedStore.open(dir, TestData.options())) {
            runAll(8, w -> () -> {
                for (int i = 0; i < 500; i++) {
                    store.activations().record(activation("f" + w, T0.plusMillis(i * 8L + w)));
                }
                return null;
            });
            store.flushActivations();

            var items = store.activations().list("", "", 10_000).items();
            assertThat(items).hasSize(4_000);
            assertThat(items).extracting(Activation::start).isSortedAccordingTo((a, b) -> b.compareTo(a));
            assertThat(store.activations().list("f3", "", 10_000).items()).hasSize(500);
            assertThat(store.droppedActivationWrites()).isZero();
        }
    }

    @Test
    void listingWhileRecordingServesOrderedPagesWithoutDuplicates() throws Exception {
        try (var store = EmbeddedStore.open(dir, TestData.options())) {
            var recorders = new CountDownLatch(4);
            var results = runAll(5, w -> () -> {
                if (w < 4) {
                    for (int i = 0; i < 2_000; i++) {
                        store.activations().record(activation("f" + w % 2, T0.plusMillis(i * 4L + w)));
                    }
                    recorders.countDown();
                    return 0;
                }
                int listings = 0;
                do {
                    var seen = new ArrayList<Activation>();
                    var page = store.activations().list("f1", "", 97);
                    seen.addAll(page.items());
                    while (page.nextToken().isPresent()) {
                        page = store.activations().list("f1", page.nextToken().get(), 97);
                        seen.addAll(page.items());
                    }
                    assertThat(seen).extracting(Activation::function).containsOnly("f1");
                    assertThat(seen).extracting(Activation::start).isSortedAccordingTo((a, b) -> b.compareTo(a));
                    assertThat(seen).extracting(Activation::id).doesNotHaveDuplicates();
                    listings++;
                } while (recorders.getCount() > 0);
                return listings;
            });

            assertThat(results.get(4)).isPositive();
            assertThat(store.activations().list("", "", 10_000).items()).hasSize(8_000);
            assertThat(store.activations().list("f1", "", 10_000).items()).hasSize(4_000);
        }
    }

    @Test
    void everyActivationIsReadableRightAfterItIsRecorded() throws Exception {
        try (var store = EmbeddedStore.open(dir, TestData.options())) {
            var missing = runAll(6, w -> () -> { // 9,000 records: fewer than are retained
                int misses = 0;
                for (int i = 0; i < 1_500; i++) {
                    var a = activation("f" + w, T0.plusMillis(i));
                    store.activations().record(a);
                    if (!store.activations().get(a.id()).equals(Optional.of(a))) {
                        misses++;
                    }
                }
                return misses;
            });

            assertThat(missing).containsOnly(0);
            store.flushActivations();
            assertThat(store.droppedActivationWrites()).isZero();
        }
    }

    private static boolean putAlias(EmbeddedStore store, String version) {
        store.aliases().put(new Alias("hello", "live", version, Map.of(), "", T0));
        return true;
    }

    private static <T> List<T> runAll(int n, IntFunction<Callable<T>> task)
            throws InterruptedException, ExecutionException {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<T>>();
            for (int i = 0; i < n; i++) {
                futures.add(threads.submit(task.apply(i)));
            }
            var out = new ArrayList<T>();
            for (var f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }
}
