package dev.kumo.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class ActivationIndexTest {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final long NO_CUTOFF = Long.MIN_VALUE;

    static Activation at(String function, long millis) {
        return new Activation(ActivationId.random(), function, "1", ActivationStatus.SUCCESS, false,
                T0.plusMillis(millis), 1, 0, 0, 128, 0, 0, Optional.empty(), Optional.empty(), List.of());
    }

    static Retained add(ActivationIndex index, Activation a) {
        var r = Retained.of(a);
        index.add(r);
        return r;
    }

    @Test
    void keepsTheLastRecordedAndListsThemByStart() {
        var index = new ActivationIndex(3);
        var a = at("f", 10);
        var b = at("f", 30); // recorded before c, started after it
        var c = at("g", 20);
        var d = at("f", 5);
        var first = add(index, a);
        add(index, b);
        add(index, c);
        add(index, d);

        assertThat(index.page("", Optional.empty(), Optional.empty(), 10, NO_CUTOFF).items()).containsExactly(b, c, d);
        assertThat(index.page("f", Optional.empty(), Optional.empty(), 10, NO_CUTOFF).items()).containsExactly(b, d);
        assertThat(index.get(a.id().value(), NO_CUTOFF)).isEmpty();
        assertThat(first.evicted()).isTrue();
    }

    @Test
    void pagesContinueAfterTheirToken() {
        var index = new ActivationIndex(100);
        for (int i = 0; i < 10; i++) {
            add(index, at("f", (i * 37) % 10)); // arrival order differs from start order
        }

        var first = index.page("", Optional.empty(), Optional.empty(), 4, NO_CUTOFF);
        var token = ActivationKeys.position(first.nextToken().orElseThrow());
        var second = index.page("", Optional.empty(), Optional.of(token), 6, NO_CUTOFF);

        assertThat(first.items()).extracting(Activation::start)
                .containsExactly(T0.plusMillis(9), T0.plusMillis(8), T0.plusMillis(7), T0.plusMillis(6));
        assertThat(second.items()).extracting(Activation::start).containsExactly(T0.plusMillis(5),
                T0.plusMillis(4), T0.plusMillis(3), T0.plusMillis(2), T0.plusMillis(1), T0.plusMillis(0));
        assertThat(second.nextToken()).as("exactly full last page").isEmpty();
    }

    @Test
    void recordingAnIdAgainReplacesTheRecord() {
        var index = new ActivationIndex(10);
        var a = at("f", 1);
        var again = new Activation(a.id(), "f", "2", a.status(), true, a.start(), 2, 0, 0, 128, 0, 0,
                Optional.empty(), Optional.empty(), List.of());
        add(index, a);
        add(index, again);

        assertThat(index.get(a.id().value(), NO_CUTOFF)).contains(again);
        assertThat(index.page("", Optional.empty(), Optional.empty(), 10, NO_CUTOFF).items()).containsExactly(again);
    }

    @Test
    void readersSkipExpiredRecordsAndSweepEvictsThemFromTheOldestEnd() {
        var index = new ActivationIndex(10);
        var old = add(index, at("f", 0));
        var straggler = at("f", -1_000); // recorded late, long after it started
        var fresh = add(index, at("f", 500));
        var late = add(index, straggler);
        long cutoff = ActivationKeys.micros(T0.plusMillis(100));

        assertThat(index.page("", Optional.empty(), Optional.empty(), 10, cutoff).items()).containsExactly(fresh.activation());
        assertThat(index.get(straggler.id().value(), cutoff)).isEmpty();

        index.sweep(cutoff);

        assertThat(old.evicted()).isTrue();
        assertThat(fresh.evicted()).isFalse();
        assertThat(late.evicted()).as("behind a retained record: left to readers and to count").isFalse();
        assertThat(index.page("", Optional.empty(), Optional.empty(), 10, NO_CUTOFF).items())
                .containsExactly(fresh.activation(), straggler);
    }

    @Test
    void evictingTheRecordsOfABatchBuriesIt() {
        var graveyard = new ConcurrentLinkedQueue<Long>();
        var batch = new StoredBatch(7, graveyard);
        var index = new ActivationIndex(2);
        var a = add(index, at("f", 1));
        var b = add(index, at("f", 2));
        assertThat(a.assign(batch)).isTrue();
        assertThat(b.assign(batch)).isTrue();
        batch.release(); // the writer is done with it

        add(index, at("f", 3));
        assertThat(graveyard).isEmpty();
        add(index, at("f", 4));

        assertThat(graveyard).containsExactly(7L);
    }

    @Test
    void aRecordEvictedBeforeItIsWrittenIsNotWritten() {
        var graveyard = new ConcurrentLinkedQueue<Long>();
        var batch = new StoredBatch(1, graveyard);
        var index = new ActivationIndex(1);
        var a = add(index, at("f", 1));
        add(index, at("f", 2));

        assertThat(a.assign(batch)).isFalse();
        batch.release();
        assertThat(graveyard).as("an empty batch is never written, so never deleted").containsExactly(1L);
    }
}
