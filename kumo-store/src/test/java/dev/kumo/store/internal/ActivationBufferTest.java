package dev.kumo.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ActivationBufferTest {

    private int made;

    String pending() {
        return "record-" + made++;
    }

    @Test
    void fullBufferDropsTheOldestAndCountsIt() throws Exception {
        var buffer = new ActivationBuffer<String>(3, 10, 0, 1, TimeUnit.MILLISECONDS);
        var first = pending();
        var second = pending();
        assertThat(buffer.offer(first)).isEmpty();
        assertThat(buffer.offer(second)).isEmpty();
        assertThat(buffer.offer(pending())).isEmpty();

        assertThat(buffer.offer(pending())).contains(first);
        assertThat(buffer.offer(pending())).contains(second);

        assertThat(buffer.dropped()).isEqualTo(2);
        assertThat(buffer.next().items()).hasSize(3);
    }

    @Test
    void batchesAreCappedAndFifo() throws Exception {
        var buffer = new ActivationBuffer<String>(100, 2, 0, 1, TimeUnit.MILLISECONDS);
        var a = pending();
        var b = pending();
        var c = pending();
        buffer.offer(a);
        buffer.offer(b);
        buffer.offer(c);

        assertThat(buffer.next().items()).containsExactly(a, b);
        assertThat(buffer.next().items()).containsExactly(c);
        assertThat(buffer.next().items()).as("idle timeout").isEmpty();
    }

    @Test
    void flushWaitsUntilTheCoveringBatchIsWritten() throws Exception {
        var buffer = new ActivationBuffer<String>(100, 10, 1, 1, TimeUnit.HOURS);
        var p = pending();
        buffer.offer(p);

        var flush = CompletableFuture.runAsync(buffer::flush);
        var batch = buffer.next(); // returns without lingering an hour because a flush is pending
        assertThat(batch.items()).containsExactly(p);
        assertThat(flush).isNotDone();

        buffer.written(batch);
        flush.get(10, TimeUnit.SECONDS);
    }

    @Test
    void closeWithDiscardDrainsAtOnceAndReleasesFlushes() throws Exception {
        var buffer = new ActivationBuffer<String>(100, 10, 1, 1, TimeUnit.HOURS);
        buffer.offer(pending());

        buffer.close(true);

        assertThat(buffer.next().items()).isEmpty();
        assertThat(buffer.drained()).isTrue();
        assertThat(buffer.offer(pending())).isPresent();
        buffer.finish();
        buffer.flush();
        assertThat(buffer.dropped()).isEqualTo(1);
    }
}
