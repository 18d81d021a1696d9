package dev.kumo.store;

import static dev.kumo.store.TestData.T0;
import static dev.kumo.store.TestData.activation;
import static dev.kumo.store.TestData.failed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.core.Activation;
import dev.kumo.core.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What activation records survive closing, crashing and reopening, and what the file keeps of them. */
class ActivationPersistenceTest {

    @TempDir
    Path dir;
    final TestClock clock = new TestClock(T0);
    EmbeddedStore store;

    EmbeddedStore open(int maxActivations, Duration maxAge) {
        store = EmbeddedStore.open(dir, new StoreOptions(maxActivations, maxAge, clock));
        return store;
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void reloadAfterACrashKeepsFlushedActivationsInOrder() {
        open(1_000, Duration.ofDays(1));
        for (int batch = 0; batch < 3; batch++) {
            for (int i = 0; i < 40; i++) {
                // out of start order within and across batches, as invocations of different lengths end
                var start = T0.minusMillis((i * 7L + batch * 13L) % 50).plusMillis(batch * 20L);
                store.activations().record(i % 5 == 0 ? failed("f" + i % 3, start) : activation("f" + i % 3, start));
            }
            store.flushActivations();
        }
        var before = all("", 17);
        var beforeF1 = all("f1", 9);
        var lost = activation("f1", T0.plusSeconds(5));
        store.activations().record(lost); // never flushed
        store.crash();

        open(1_000, Duration.ofDays(1));

        assertThat(before).hasSize(120);
        assertThat(all("", 17)).containsExactlyElementsOf(before);
        assertThat(all("f1", 9)).containsExactlyElementsOf(beforeF1);
        assertThat(store.activations().get(before.get(60).id())).contains(before.get(60));
        assertThat(store.activations().get(lost.id())).isEmpty();
    }

    @Test
    void retentionByCountHoldsAcrossReopen() {
        open(25, Duration.ofDays(1));
        for (int i = 0; i < 100; i++) {
            store.activations().record(activation("hello", T0.plusMillis(i)));
            if (i % 10 == 9) {
                store.flushActivations();
            }
        }
        assertThat(all("", 7)).extracting(Activation::start).first().isEqualTo(T0.plusMillis(99));
        assertThat(all("", 7)).hasSize(25).extracting(Activation::start).last().isEqualTo(T0.plusMillis(75));
        store.close();

        open(25, Duration.ofDays(1));
        assertThat(all("", 7)).hasSize(25).extracting(Activation::start).last().isEqualTo(T0.plusMillis(75));
        store.close();

        open(10, Duration.ofDays(1));
        assertThat(all("", 7)).extracting(Activation::start).containsExactly(
                T0.plusMillis(99), T0.plusMillis(98), T0.plusMillis(97), T0.plusMillis(96), T0.plusMillis(95),
                T0.plusMillis(94), T0.plusMillis(93), T0.plusMillis(92), T0.plusMillis(91), T0.plusMillis(90));
    }

    @Test
    void retentionByAgeHoldsAcrossReopen() {
        open(1_000, Duration.ofHours(1));
        var old = activation("hello", T0.minus(Duration.ofMinutes(50)));
        var recent = activation("hello", T0.minus(Duration.ofMinutes(10)));
        store.activations().record(old);
        store.flushActivations();
        store.activations().record(recent);
        store.close();

        clock.advance(Duration.ofMinutes(20)); // old is now 70 minutes old, recent 30
        open(1_000, Duration.ofHours(1));
        assertThat(all("", 10)).containsExactly(recent);
        assertThat(store.activations().get(old.id())).isEmpty();
        store.close();

        clock.advance(Duration.ofMinutes(31));
        open(1_000, Duration.ofHours(1));
        assertThat(all("", 10)).isEmpty();
        assertThat(store.activationBatchCount()).as("batches with nothing retained are deleted").isZero();
    }

    @Test
    void recordsExpireWhileTheStoreIsOpen() {
        open(1_000, Duration.ofHours(1));
        var a = activation("hello", T0.minus(Duration.ofMinutes(30)));
        store.activations().record(a);
        store.flushActivations();
        assertThat(store.activations().get(a.id())).contains(a);

        clock.advance(Duration.ofMinutes(31));

        assertThat(store.activations().get(a.id())).as("readers filter at once").isEmpty();
        assertThat(all("", 10)).isEmpty();
        store.flushActivations();
        assertThat(store.activationBatchCount()).isZero();
    }

    @Test
    void pruningDeletesWholeBatchesSoTheLogStaysBounded() {
        open(50, Duration.ofDays(1));
        for (int batch = 0; batch < 200; batch++) {
            for (int i = 0; i < 20; i++) {
                store.activations().record(activation("hello", T0.plusMillis(batch * 20L + i)));
            }
            store.flushActivations();
            // the 50 retained records lie in the last few batches; without pruning there would be one per round
            assertThat(store.activationBatchCount()).isLessThanOrEqualTo(8);
        }
        assertThat(all("", 50)).hasSize(50);
        store.close();

        open(50, Duration.ofDays(1));
        assertThat(all("", 50)).hasSize(50).extracting(Activation::start).first().isEqualTo(T0.plusMillis(3_999));
    }

    private List<Activation> all(String function, int pageSize) {
        var out = new ArrayList<Activation>();
        Page<Activation> page = store.activations().list(function, "", pageSize);
        out.addAll(page.items());
        while (page.nextToken().isPresent()) {
            page = store.activations().list(function, page.nextToken().get(), pageSize);
            out.addAll(page.items());
        }
        return out;
    }
}
