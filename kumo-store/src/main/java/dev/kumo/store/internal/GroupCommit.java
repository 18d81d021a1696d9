package dev.kumo.store.internal;

import dev.kumo.store.StoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * Durable writes of {@link JournaledMap}s that share one {@code fsync}. A caller hands a {@link Change} to
 * {@link #commit} and waits (uninterruptibly); the {@link StoreIo} thread takes every change pending,
 * applies them one after the other, appends the puts and removes they made to the {@link Journal} as one
 * record, syncs it once and answers every caller. While one sync runs the next changes gather, so the
 * number of changes per sync grows with the number of concurrent writers.
 *
 * <p>Why a journal: an MVStore commit writes a new chunk holding every page changed plus its chunk
 * metadata, some 25 KB even for one small put, and the file keeps dead chunks for 45 s; a thousand synced
 * commits a second would grow the file by over a gigabyte. The journal costs the bytes changed. MVStore
 * commits the maps at checkpoints: when the journal passes {@link #CHECKPOINT_BYTES}, at open and at close
 * (and whenever another part of the store commits). A checkpoint stores a new journal generation with the
 * commit, syncs, then empties the journal. Opening replays the records of the generation MVStore holds and
 * of later ones (left by a checkpoint whose sync failed) onto the maps; replaying a record twice is
 * harmless, as each put or remove sets a key to its final value.
 *
 * <p>Each change is atomic and isolated: changes are applied whole, one at a time, and land in the same
 * record. A change that throws is undone alone (the maps are put back and the {@link #onUndo} listeners
 * rebuild what they keep in memory); when the journal write fails, the whole batch is undone.
 */
public final class GroupCommit implements AutoCloseable {

    /**
     * A change of journaled maps.
     *
     * @param <T> what the caller gets
     */
    public interface Change<T> {

        /** Applies the change to the maps; runs on the I/O thread. Throwing undoes this change alone. */
        T apply();

        /** Runs on the I/O thread once the change is synced, in order: updates in-memory mirrors. */
        default void synced(T result) {
        }
    }

    static final int MAX_BATCH = 4_096;
    static final long CHECKPOINT_BYTES = 16L << 20;
    private static final String META = "store.journal";
    private static final String GENERATION = "generation";
    private static final int PUT = 1;
    private static final int BYTES = 2;
    private static final int REDO_INITIAL = 64 * 1024;
    private static final int REDO_KEEP = 4 * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(GroupCommit.class.getName());

    private final MVStore store;
    private final StoreIo io;
    private final Journal journal;
    private final MVMap<String, String> meta;
    private final ConcurrentLinkedQueue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final List<Runnable> undoListeners = new CopyOnWriteArrayList<>();
    private final LongAdder syncs = new LongAdder();
    private final LongAdder changes = new LongAdder();
    // The I/O thread's:
    private final BinaryWriter redo = new BinaryWriter(REDO_INITIAL);
    private final ArrayList<Undo<?>> undo = new ArrayList<>();
    private int redoCount;
    private boolean applying;
    private boolean closed;
    private long generation;

    private record Undo<V>(JournaledMap<V> map, String key, V previous) {

        void run() {
            map.restore(key, previous);
        }
    }

    /**
     * Opens the journal {@code journalFile} of {@code store}, replays it and checkpoints; changes then commit
     * on the thread of {@code io}.
     */
    public GroupCommit(MVStore store, StoreIo io, Path journalFile) {
        if (store.getAutoCommitDelay() != 0 || store.getAutoCommitMemory() != 0) {
            throw new IllegalArgumentException("the MVStore commits on its own: open it with GroupCommit.storeBuilder");
        }
        this.store = store;
        this.io = io;
        this.meta = io.call(() -> store.openMap(META, strings()));
        this.journal = io.call(() -> Journal.open(journalFile));
        try {
            io.run(this::recover);
        } catch (RuntimeException e) {
            io.run(journal::close);
            throw e;
        }
    }

    /**
     * A builder of the MVStore file {@code file} with the settings a GroupCommit needs: the store commits only
     * when asked. {@code autoCommitDisabled} alone stops the background commits but not those MVStore makes
     * by itself, in the middle of a write, once some 19 MB of changes are unsaved; such a commit would put
     * part of a change in the file before its journal record, or without it when the change is then undone
     * or the process dies first (a completion that removed an invocation but not yet stored its dead letter).
     */
    public static MVStore.Builder storeBuilder(Path file) {
        return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().autoCommitBufferSize(0);
    }

    private static MVMap.Builder<String, String> strings() {
        return new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE);
    }

    private static MVMap.Builder<String, byte[]> bytes() {
        return new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE);
    }

    /** Opens (or creates) the journaled map {@code name} of string values; on the I/O thread. */
    public JournaledMap<String> stringMap(String name) {
        return new JournaledMap<>(this, store.openMap(name, strings()), false);
    }

    /** Opens (or creates) the journaled map {@code name} of byte array values; on the I/O thread. */
    public JournaledMap<byte[]> bytesMap(String name) {
        return new JournaledMap<>(this, store.openMap(name, bytes()), true);
    }

    /**
     * Applies {@code change}, journals and syncs it (with whatever other changes are pending), then returns
     * its result. Exceptions of the change reach the caller as {@link StoreIo#call} passes them on.
     *
     * @throws IllegalStateException when the store is closed
     */
    public <T> T commit(Change<T> change) {
        var pending = new Pending<>(change);
        queue.add(pending);
        schedule();
        return io.await(pending.future);
    }

    /** Runs {@code listener} on the I/O thread after a change was undone, to rebuild in-memory state. */
    public void onUndo(Runnable listener) {
        undoListeners.add(listener);
    }

    /** Changes handed in and not yet taken by the I/O thread; for tests. */
    int waiting() {
        return queue.size();
    }

    /** Bytes in the journal; for tests. */
    long journalBytes() {
        return io.call(journal::size);
    }

    /** Journal syncs so far. */
    public long syncs() {
        return syncs.sum();
    }

    /** Changes made durable so far. */
    public long changes() {
        return changes.sum();
    }

    /** Checkpoints and closes the journal; call before closing the MVStore. */
    @Override
    public void close() {
        io.run(() -> {
            closed = true;
            try {
                checkpoint();
            } finally {
                journal.close();
            }
        });
    }

    /** Closes the journal as it is: for crash tests. */
    public void abandon() {
        io.run(() -> {
            closed = true;
            journal.close();
        });
    }

    private void recover() {
        var stored = meta.get(GENERATION);
        generation = stored == null ? 0 : Long.parseLong(stored);
        var strings = new HashMap<String, MVMap<String, String>>();
        var byteMaps = new HashMap<String, MVMap<String, byte[]>>();
        for (var record : journal.read(generation)) {
            try {
                var in = new BinaryReader(record, 0);
                for (int n = in.readInt(); n > 0; n--) {
                    int op = in.readByte();
                    var name = in.readString();
                    var key = in.readString();
                    if ((op & BYTES) != 0) {
                        var map = byteMaps.computeIfAbsent(name, m -> store.openMap(m, bytes()));
                        replay(map, key, (op & PUT) != 0 ? in.readBytes() : null);
                    } else {
                        var map = strings.computeIfAbsent(name, m -> store.openMap(m, strings()));
                        replay(map, key, (op & PUT) != 0 ? in.readString() : null);
                    }
                }
            } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                throw new StoreException("cannot replay the journal: " + e.getMessage(), e);
            }
        }
        checkpoint();
    }

    private static <V> void replay(MVMap<String, V> map, String key, V value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    /**
     * Commits the maps with the next generation, syncs, and empties the journal; nothing to do when it is
     * empty. Records written after a failed sync carry the new generation, so that they are replayed
     * whichever commit survives.
     */
    private void checkpoint() {
        if (journal.size() == 0) {
            return;
        }
        var previous = Long.toString(generation);
        meta.put(GENERATION, Long.toString(generation + 1));
        try {
            store.commit();
        } catch (RuntimeException e) {
            meta.put(GENERATION, previous);
            throw e;
        }
        generation++;
        store.sync();
        journal.clear();
    }

    /** Called by a {@link JournaledMap} about to change. */
    void requireChange(JournaledMap<?> map) {
        if (!applying) {
            throw new IllegalStateException("journaled map " + map.name() + " changed outside a change");
        }
    }

    /** Called by a {@link JournaledMap} that changed. */
    <V> void changed(JournaledMap<V> map, String key, V value, V previous) {
        undo.add(new Undo<>(map, key, previous)); // first: the map has changed even if the redo cannot grow
        redo.writeByte((value != null ? PUT : 0) | (map.bytes() ? BYTES : 0));
        redo.writeString(map.name());
        redo.writeString(key);
        if (value instanceof byte[] b) {
            redo.writeBytes(b);
        } else if (value instanceof String s) {
            redo.writeString(s);
        }
        redoCount++;
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                io.execute(this::drain);
            } catch (IllegalStateException rejected) {
                scheduled.set(false);
                for (var p = queue.poll(); p != null; p = queue.poll()) {
                    p.future.completeExceptionally(rejected);
                }
            }
        }
    }

    /** On the I/O thread: one batch. Changes that arrive meanwhile schedule the next one. */
    private void drain() {
        scheduled.set(false);
        var batch = new ArrayList<Pending<?>>();
        for (var p = queue.poll(); p != null; p = batch.size() < MAX_BATCH ? queue.poll() : null) {
            batch.add(p);
        }
        try {
            if (closed) {
                var e = new IllegalStateException("the store is closed");
                batch.forEach(p -> p.future.completeExceptionally(e));
            } else if (!batch.isEmpty()) {
                write(batch);
            }
        } catch (Throwable e) { // never leave a caller waiting
            batch.forEach(p -> p.future.completeExceptionally(e));
            LOG.log(System.Logger.Level.ERROR, "a batch of durable changes failed", e);
        } finally {
            if (!queue.isEmpty()) {
                schedule();
            }
        }
    }

    private void write(List<Pending<?>> batch) {
        redo.clear(REDO_KEEP, REDO_INITIAL);
        redo.skip(4); // the count of puts and removes
        redoCount = 0;
        undo.clear();
        var applied = new ArrayList<Pending<?>>(batch.size());
        applying = true;
        try {
            for (var p : batch) {
                int redoAt = redo.position();
                int countAt = redoCount;
                int undoAt = undo.size();
                if (p.apply()) {
                    applied.add(p);
                } else {
                    undoTo(undoAt);
                    redo.seek(redoAt);
                    redoCount = countAt;
                }
            }
        } finally {
            applying = false;
        }
        if (redoCount > 0) {
            redo.patchInt(0, redoCount);
            try {
                journal.append(generation, redo.array(), redo.position());
            } catch (RuntimeException | Error e) { // e.g. out of memory for the record: nothing acknowledged stays
                undoTo(0);
                applied.forEach(p -> p.future.completeExceptionally(e));
                return;
            }
            syncs.increment();
        }
        changes.add(applied.size());
        applied.forEach(Pending::finish);
        if (journal.size() >= CHECKPOINT_BYTES) {
            try {
                checkpoint();
            } catch (RuntimeException e) { // the journal still holds everything: retried after the next batch
                LOG.log(System.Logger.Level.WARNING, "checkpoint failed", e);
            }
        }
    }

    private void undoTo(int mark) {
        for (int i = undo.size() - 1; i >= mark; i--) {
            undo.remove(i).run();
        }
        undoListeners.forEach(Runnable::run);
    }

    private static final class Pending<T> {

        final Change<T> change;
        final CompletableFuture<T> future = new CompletableFuture<>();
        T result;

        Pending(Change<T> change) {
            this.change = change;
        }

        boolean apply() {
            try {
                result = change.apply();
                return true;
            } catch (RuntimeException | Error e) { // an error half way through must be undone too
                future.completeExceptionally(e);
                return false;
            }
        }

        void finish() {
            try {
                change.synced(result);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "in-memory update after a durable change failed", e);
            }
            future.complete(result);
        }
    }
}
