package dev.kumo.store;

import static dev.kumo.store.TestData.T0;
import static dev.kumo.store.TestData.activation;
import static dev.kumo.store.TestData.failed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivationStoreTest {

    @TempDir
    Path dir;
    EmbeddedStore store;
    final TestClock clock = new TestClock(T0);

    EmbeddedStore open(int maxActivations, Duration maxAge) {
        store = EmbeddedStore.open(dir, new StoreOptions(maxActivations, maxAge, clock));
        return store;
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void recordedActivationIsVisibleAtOnceAndAfterFlush() {
        open(100, Duration.ofDays(1));
        var ok = activation("hello", T0);
        var bad = failed("hello", T0);

        store.activations().record(ok);
        store.activations().record(bad);
        assertThat(store.activations().get(ok.id())).contains(ok);

        store.flushActivations();
        assertThat(store.activations().get(ok.id())).contains(ok);
        assertThat(store.activations().get(bad.id())).contains(bad);
        assertThat(store.activations().get(ActivationId.random())).isEmpty();
        assertThat(store.droppedActivationWrites()).isZero();
    }

    @Test
    void childrenAreTheRecordsNamingTheParentOldestFirstAlsoAfterReopening() {
        open(100, Duration.ofDays(1));
        var parent = activation("sum", T0);
        var later = child(activation("square", T0.plusMillis(2)), parent.id());
        var earlier = child(activation("square", T0.plusMillis(1)), parent.id());
        var grandchild = child(activation("square", T0.plusMillis(3)), earlier.id());
        for (var a : List.of(parent, later, earlier, grandchild, activation("square", T0))) {
            store.activations().record(a);
        }

        assertThat(store.activations().children(parent.id())).containsExactly(earlier, later);
        assertThat(store.activations().children(earlier.id())).containsExactly(grandchild);
        assertThat(store.activations().children(grandchild.id())).isEmpty();
        store.close();
        open(100, Duration.ofDays(1));
        assertThat(store.activations().children(parent.id())).containsExactly(earlier, later);
    }

    private static Activation child(Activation a, ActivationId parent) {
        return new Activation(a.id(), a.function(), a.version(), a.status(), a.coldStart(), a.start(), a.durationMs(),
                a.initMs(), a.queueMs(), a.memoryMb(), a.inputBytes(), a.outputBytes(), a.result(), a.error(), a.logs(),
                a.attempt(), a.attempts(), Optional.of(parent));
    }

    @Test
    void listsNewestFirstWithFilterAndPages() {
        open(1_000, Duration.ofDays(1));
        var recorded = new ArrayList<Activation>();
        for (int i = 0; i < 30; i++) {
            var a = activation(i % 3 == 0 ? "rare" : "common", T0.minusSeconds(i % 10).minusMillis(i));
            recorded.add(a);
            store.activations().record(a);
            if (i == 19) {
                store.flushActivations(); // the rest stays pending (or not): listings must not care
            }
        }
        var newestFirst = recorded.stream().sorted(Comparator.comparing(Activation::start).reversed()).toList();

        assertThat(all("", 7)).containsExactlyElementsOf(newestFirst);
        assertThat(all("rare", 4)).containsExactlyElementsOf(
                newestFirst.stream().filter(a -> a.function().equals("rare")).toList());
        assertThat(all("nobody", 4)).isEmpty();

        store.flushActivations();
        assertThat(all("", 30)).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void listsByStatusPageByPage() {
        open(1_000, Duration.ofDays(1));
        var errors = new ArrayList<Activation>();
        for (int i = 0; i < 9; i++) {
            var a = i % 3 == 0 ? failed(i % 2 == 0 ? "hello" : "other", T0.plusSeconds(i)) : activation("hello",
                    T0.plusSeconds(i));
            store.activations().record(a);
            if (a.status() == ActivationStatus.ERROR) {
                errors.addFirst(a);
            }
        }
        var waiting = activation("hello", T0).withAttempts(ActivationStatus.QUEUED, 0, List.of());
        store.activations().record(waiting);
        var error = Optional.of(ActivationStatus.ERROR);

        var first = store.activations().list("", error, "", 2);
        var second = store.activations().list("", error, first.nextToken().orElseThrow(), 2);

        assertThat(first.items()).containsExactlyElementsOf(errors.subList(0, 2));
        assertThat(second.items()).containsExactly(errors.get(2));
        assertThat(second.nextToken()).isEmpty();
        assertThat(store.activations().list("hello", error, "", 10).items())
                .containsExactly(errors.get(0), errors.get(2));
        assertThat(store.activations().list("", Optional.of(ActivationStatus.QUEUED), "", 10).items())
                .containsExactly(waiting);
        assertThat(store.activations().list("hello", Optional.empty(), "", 100).items()).hasSize(9);
    }

    @Test
    void equalStartTimesAreOrderedById() {
        open(100, Duration.ofDays(1));
        var a = activation("hello", T0);
        var b = activation("hello", T0);
        store.activations().record(a);
        store.activations().record(b);
        store.flushActivations();

        var expected = a.id().value().compareTo(b.id().value()) < 0 ? List.of(a, b) : List.of(b, a);
        assertThat(store.activations().list("", "", 10).items()).containsExactlyElementsOf(expected);
    }

    @Test
    void rejectsForeignTokens() {
        open(100, Duration.ofDays(1));

        assertThatThrownBy(() -> store.activations().list("", "alpha", 10))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("nextToken"));
    }

    @Test
    void filterStaysCheapAmongManyRecords() {
        open(20_000, Duration.ofDays(1));
        for (int i = 0; i < 12_000; i++) {
            store.activations().record(activation(i % 1_000 == 0 ? "rare" : "busy", T0.plusMillis(i)));
            if (i % 1_000 == 999) {
                store.flushActivations(); // faster than the writer, a burst would overflow the buffer
            }
        }
        store.flushActivations();

        var page = store.activations().list("rare", "", 5);
        var rest = store.activations().list("rare", page.nextToken().orElseThrow(), 50);

        assertThat(page.items()).extracting(Activation::start)
                .containsExactly(T0.plusMillis(11_000), T0.plusMillis(10_000), T0.plusMillis(9_000),
                        T0.plusMillis(8_000), T0.plusMillis(7_000));
        assertThat(rest.items()).hasSize(7);
        assertThat(rest.nextToken()).isEmpty();
        assertThat(store.activations().list("", "", 1).items().getFirst().start()).isEqualTo(T0.plusMillis(11_999));
    }

    @Test
    void retentionKeepsTheNewestMaxActivations() {
        open(50, Duration.ofDays(1));
        for (int i = 0; i < 120; i++) {
            store.activations().record(activation("hello", T0.plusMillis(i)));
        }
        store.flushActivations();

        var kept = all("", 1_000);
        assertThat(kept).hasSize(50);
        assertThat(kept.getLast().start()).isEqualTo(T0.plusMillis(70));
        assertThat(all("hello", 1_000)).hasSize(50);
    }

    @Test
    void retentionDropsRecordsOlderThanMaxAge() {
        open(1_000, Duration.ofHours(1));
        var old = activation("hello", T0.minus(Duration.ofHours(2)));
        var fresh = activation("hello", T0.minus(Duration.ofMinutes(30)));
        store.activations().record(old);
        store.activations().record(fresh);
        store.flushActivations();

        assertThat(all("", 10)).containsExactly(fresh);
        assertThat(store.activations().get(old.id())).isEmpty();

        clock.advance(Duration.ofMinutes(31));
        store.flushActivations();
        assertThat(all("", 10)).isEmpty();
        assertThat(all("hello", 10)).isEmpty();
    }

    @Test
    void reopeningWithALowerLimitPrunes() {
        open(100, Duration.ofDays(1));
        for (int i = 0; i < 10; i++) {
            store.activations().record(activation("hello", T0.plusMillis(i)));
        }
        store.close();

        open(3, Duration.ofDays(1));

        assertThat(all("", 100)).extracting(Activation::start)
                .containsExactly(T0.plusMillis(9), T0.plusMillis(8), T0.plusMillis(7));
    }

    @Test
    void recordsAfterCloseAreCountedAsDropped() {
        open(100, Duration.ofDays(1));
        store.close();

        store.activations().record(activation("hello", T0));

        assertThat(store.droppedActivationWrites()).isEqualTo(1);
    }

    private List<Activation> all(String function, int pageSize) {
        var out = new ArrayList<Activation>();
        Page<Activation> page = store.activations().list(function, "", pageSize);
        out.addAll(page.items());
        while (page.nextToken().isPresent()) {
            assertThat(page.items()).hasSize(pageSize);
            page = store.activations().list(function, page.nextToken().get(), pageSize);
            out.addAll(page.items());
        }
        return out;
    }
}
