package dev.kumo.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {

    @TempDir
    Path dir;
    StoreIo io;
    MVStore store;
    GroupCommit commits;
    JournaledMap<String> strings;
    JournaledMap<byte[]> bytes;

    void open() {
        io = new StoreIo(dir.toString());
        store = io.call(() -> GroupCommit.storeBuilder(dir.resolve("test.mv.db")).open());
        commits = new GroupCommit(store, io, dir.resolve("test.journal"));
        strings = io.call(() -> commits.stringMap("strings"));
        bytes = io.call(() -> commits.bytesMap("bytes"));
    }

    /** What {@code kill -9} leaves: the journal as synced, the MVStore file as last committed. */
    void crash() {
        commits.abandon();
        io.run(store::closeImmediately);
        io.close();
        io = null;
    }

    @AfterEach
    void close() {
        if (io != null) {
            commits.close();
            io.run(store::close);
            io.close();
        }
    }

    <T> T commit(GroupCommit.Change<T> change) {
        return commits.commit(change);
    }

    @Test
    void acknowledgedChangesSurviveACrashAndAreCheckpointedOnOpen() {
        open();
        commit(() -> strings.put("a", "1"));
        commit(() -> {
            strings.put("b", "2");
            bytes.put("c", new byte[] {3});
            return strings.remove("a");
        });
        assertThat(commits.journalBytes()).isPositive();
        crash();

        open();
        assertThat(io.call(() -> strings.get("a"))).isNull();
        assertThat(io.call(() -> strings.get("b"))).isEqualTo("2");
        assertThat(io.call(() -> bytes.get("c"))).containsExactly(3);
        assertThat(commits.journalBytes()).as("replayed, committed and emptied").isZero();
        crash();

        open();
        assertThat(io.call(() -> strings.get("b"))).isEqualTo("2");
    }

    @Test
    void aLargeJournalIsCheckpointed() {
        open();
        var large = new byte[(int) GroupCommit.CHECKPOINT_BYTES];
        large[12_345] = 7;
        commit(() -> bytes.put("large", large));

        assertThat(commits.journalBytes()).isZero();
        crash();
        open();
        assertThat(io.call(() -> bytes.get("large"))).hasSize(large.length).contains((byte) 7);
    }

    @Test
    void aFailingChangeIsUndoneAloneAndItsBatchSharesOneSync() throws Exception {
        open();
        var undone = new AtomicInteger();
        commits.onUndo(undone::incrementAndGet);
        var gate = new CountDownLatch(1);
        io.execute(() -> {
            try {
                gate.await(); // holds the I/O thread while the three changes queue up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long syncs = commits.syncs();
        var failure = new AtomicReference<Throwable>();
        var seen = new AtomicReference<String>();
        var first = Thread.ofVirtual().start(() -> commit(() -> strings.put("a", "1")));
        await().until(() -> commits.waiting() == 1);
        var second = Thread.ofVirtual().start(() -> {
            try {
                commit(() -> {
                    strings.put("b", "1");
                    strings.put("a", "2");
                    throw new IllegalStateException("boom");
                });
            } catch (IllegalStateException e) {
                failure.set(e);
            }
        });
        await().until(() -> commits.waiting() == 2);
        var third = Thread.ofVirtual().start(() -> commit(() -> {
            strings.put("c", "1");
            seen.set(strings.get("a"));
            return null;
        }));
        await().until(() -> commits.waiting() == 3);

        gate.countDown();
        first.join();
        second.join();
        third.join();

        assertThat(failure.get()).hasMessage("boom");
        assertThat(undone).hasValue(1);
        assertThat(seen).as("the change after the failed one sees it undone").hasValue("1");
        assertThat(io.call(() -> strings.get("a"))).isEqualTo("1");
        assertThat(io.call(() -> strings.get("b"))).isNull();
        assertThat(io.call(() -> strings.get("c"))).isEqualTo("1");
        assertThat(commits.syncs() - syncs).isEqualTo(1);
        crash();

        open();
        assertThat(io.call(() -> strings.get("a"))).isEqualTo("1");
        assertThat(io.call(() -> strings.get("b"))).isNull();
    }

    @Test
    void syncedRunsAfterTheChangeIsDurableAndChangesOutsideAChangeAreRefused() {
        open();
        var order = new StringBuilder();
        var result = commit(new GroupCommit.Change<String>() {
            @Override
            public String apply() {
                order.append("apply ");
                return strings.put("k", "v");
            }

            @Override
            public void synced(String previous) {
                order.append("synced ").append(previous);
            }
        });

        assertThat(result).isNull();
        assertThat(order).hasToString("apply synced null");
        assertThatThrownBy(() -> io.call(() -> strings.put("x", "y")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("journaled map strings changed outside a change");
        assertThat(io.call(() -> strings.get("x"))).isNull();
    }

    @Test
    void aClosedStoreRefusesChanges() {
        open();
        close();
        io = null;

        assertThatThrownBy(() -> commit(() -> strings.put("a", "1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void anErrorHalfWayThroughAChangeUndoesIt() {
        open();
        commit(() -> strings.put("a", "kept"));
        var undone = new AtomicInteger();
        commits.onUndo(undone::incrementAndGet);

        assertThatThrownBy(() -> commit(() -> {
            strings.put("a", "half");
            strings.put("b", "half");
            throw new OutOfMemoryError("simulated");
        })).isInstanceOf(OutOfMemoryError.class);

        assertThat(io.call(() -> strings.get("a"))).isEqualTo("kept");
        assertThat(io.call(() -> strings.get("b"))).isNull();
        assertThat(undone).hasValue(1);
        commit(() -> strings.put("c", "after"));
        close(); // a checkpoint commits what the maps hold
        open();
        assertThat(io.call(() -> strings.get("a"))).isEqualTo("kept");
        assertThat(io.call(() -> strings.get("b"))).isNull();
        assertThat(io.call(() -> strings.get("c"))).isEqualTo("after");
    }

    @Test
    void noPartOfAChangeReachesTheFileBeforeItsRecord() {
        open();
        long version = store.getCurrentVersion();
        assertThatThrownBy(() -> commit(() -> {
            strings.put("a", "half");
            // enough changed pages for MVStore's default auto-commit threshold (at most 19 MB unsaved)
            for (int i = 0; store.getCurrentVersion() == version && i < 200_000; i++) {
                strings.put("filler" + i, "x".repeat(100));
            }
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        crash();

        open();
        assertThat(io.call(() -> strings.get("a"))).isNull();
        assertThat(io.call(() -> strings.get("filler0"))).isNull();
    }
}
