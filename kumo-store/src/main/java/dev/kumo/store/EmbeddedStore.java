package dev.kumo.store;

import dev.kumo.core.event.HttpRoute;
import dev.kumo.core.event.Namespace;
import dev.kumo.core.event.Rule;
import dev.kumo.core.event.Schedule;
import dev.kumo.core.event.Trigger;
import dev.kumo.core.event.WhiskEntity;
import dev.kumo.spi.store.ActivationStore;
import dev.kumo.spi.store.AliasRegistry;
import dev.kumo.spi.store.AsyncQueue;
import dev.kumo.spi.store.CodeStore;
import dev.kumo.spi.store.FunctionRegistry;
import dev.kumo.spi.store.NamedRegistry;
import dev.kumo.spi.store.Store;
import dev.kumo.spi.store.VersionRegistry;
import dev.kumo.spi.store.WorkflowStore;
import dev.kumo.store.internal.ActivationLog;
import dev.kumo.store.internal.FileCodeStore;
import dev.kumo.store.internal.FunctionTable;
import dev.kumo.store.internal.GroupCommit;
import dev.kumo.store.internal.JsonCodec;
import dev.kumo.store.internal.MvActivationStore;
import dev.kumo.store.internal.MvAliasRegistry;
import dev.kumo.store.internal.MvAsyncQueue;
import dev.kumo.store.internal.MvFunctionRegistry;
import dev.kumo.store.internal.MvNamedRegistry;
import dev.kumo.store.internal.MvVersionRegistry;
import dev.kumo.store.internal.MvWorkflowStore;
import dev.kumo.store.internal.StoreIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The single-node {@link Store}: one data directory holding the H2 MVStore file {@code kumo.mv.db}
 * (registry, activations, the asynchronous queue and the event registries), its journal
 * {@code kumo.journal}, and content-addressed code files under {@code code/sha256/}.
 *
 * <p><b>Durability.</b> MVStore never commits on its own (neither in the background nor when unsaved changes
 * pile up); the store decides when data reaches the disk. Every registry write (functions, versions, aliases) is committed and then synced with
 * {@code fsync} before the method returns, so it survives {@code kill -9} and power loss. Code blobs are
 * written to a temporary file, synced, renamed into place and their directory synced, also before
 * {@code put} returns. Retained activation records are all held in memory, which serves every read, and
 * are written by a background thread in batches (every 200 ms or 2,048 records, whichever comes first),
 * one binary entry per batch, committed but not synced: on {@code kill -9} the records still buffered are
 * lost (normally the last ~200 ms; at most 16,384 when the writer falls behind), and a power loss may also
 * lose what the OS had not written back yet. Registry writes are never lost.
 *
 * <p>Every change of the asynchronous queue (enqueue, completion, dead letters, callbacks, schedule fires,
 * idempotency keys), of the schedules, triggers, rules and routes, and of workflows (definitions, runs, step
 * states, fan-in joins, large results) is durable when its method returns:
 * acknowledged means synced. They use group commit: the changes that callers make concurrently are applied
 * together by the I/O thread, appended to the journal as one record and synced with one {@code fdatasync}
 * before any of those callers returns, so the sync cost is shared (tens of thousands of enqueues a second
 * from a few dozen concurrent callers). The journal is folded into the MVStore file by a synced commit
 * (a checkpoint) each time it grows past 16 MB, when the store opens and when it closes; opening replays
 * it first. Each call's changes are atomic: one journal record holds all or none of them.
 *
 * <p>A batch entry is deleted once retention (count or age) has dropped all of its records. MVStore appends
 * each commit as a new chunk and reuses the space of dead chunks only after its retention time (45 s), so
 * the file holds the live data plus roughly the last 45 s of writes (about 150 bytes per activation).
 *
 * <p>All MVStore and journal file access runs on one private I/O thread, which serializes writes and keeps
 * request threads' interrupts away from the file channels. Registry reads are served from memory. The
 * file is locked while open: a second store on the same directory, in this or another process, fails to
 * open.
 */
public final class EmbeddedStore implements Store {

    private static final String FILE_NAME = "kumo.mv.db";
    private static final String JOURNAL_NAME = "kumo.journal";

    private final Path dataDir;
    private final StoreIo io;
    private final MVStore mvStore;
    private final MvFunctionRegistry functions;
    private final MvVersionRegistry versions;
    private final MvAliasRegistry aliases;
    private final MvActivationStore activations;
    private final FileCodeStore code;
    private final GroupCommit commits;
    private final MvAsyncQueue queue;
    private final MvNamedRegistry<Schedule> schedules;
    private final MvNamedRegistry<Trigger> triggers;
    private final MvNamedRegistry<Rule> rules;
    private final MvNamedRegistry<HttpRoute> routes;
    private final MvNamedRegistry<Namespace> namespaces;
    private final MvNamedRegistry<WhiskEntity> whiskEntities;
    private final MvWorkflowStore workflows;
    private boolean closed;

    private EmbeddedStore(Path dataDir, StoreIo io, MVStore mvStore, StoreOptions options) {
        this.dataDir = dataDir;
        this.io = io;
        this.mvStore = mvStore;
        var json = new JsonCodec();
        var table = new FunctionTable(mvStore, io, json);
        this.functions = new MvFunctionRegistry(table);
        this.versions = new MvVersionRegistry(table);
        this.aliases = new MvAliasRegistry(table);
        this.code = new FileCodeStore(dataDir.resolve("code").resolve("sha256"));
        this.commits = new GroupCommit(mvStore, io, dataDir.resolve(JOURNAL_NAME));
        try {
            this.queue = new MvAsyncQueue(io, commits, options.clock());
            this.schedules = new MvNamedRegistry<>("schedules", Schedule.class, io, commits, json);
            this.triggers = new MvNamedRegistry<>("triggers", Trigger.class, io, commits, json);
            this.rules = new MvNamedRegistry<>("rules", Rule.class, io, commits, json);
            this.routes = new MvNamedRegistry<>("routes", HttpRoute.class, io, commits, json);
            this.namespaces = new MvNamedRegistry<>("namespaces", Namespace.class, io, commits, json);
            this.whiskEntities = new MvNamedRegistry<>("whisk-entities", WhiskEntity.class, io, commits, json);
            this.workflows = new MvWorkflowStore(io, commits, json);
            // last: it starts a writer thread
            this.activations = new MvActivationStore(io.call(() -> new ActivationLog(mvStore)), io, json, options);
        } catch (RuntimeException e) {
            commits.abandon();
            throw e;
        }
        try {
            FileCodeStore.syncDirectory(dataDir); // the entries of a new kumo.mv.db and code/
        } catch (IOException e) {
            throw new StoreException("cannot sync data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the store in {@code dataDir}, creating the directory and an empty store when absent.
     *
     * @throws StoreException when the directory is in use by another store (in this or another process),
     *                        cannot be created, or holds a file that is not a readable store
     */
    public static EmbeddedStore open(Path dataDir, StoreOptions options) {
        var dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dir + ": " + e.getMessage(), e);
        }
        var io = new StoreIo(dir.toString());
        try {
            var mvStore = io.call(() -> openFile(dir));
            try {
                return new EmbeddedStore(dir, io, mvStore, options);
            } catch (RuntimeException e) {
                io.run(mvStore::closeImmediately);
                throw e;
            }
        } catch (RuntimeException e) {
            io.close();
            throw e;
        }
    }

    private static MVStore openFile(Path dir) {
        try {
            return GroupCommit.storeBuilder(dir.resolve(FILE_NAME)).open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new StoreException("data directory " + dir + " is in use by another Kumo process", e);
            }
            throw new StoreException("cannot open the store in data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public FunctionRegistry functions() {
        return functions;
    }

    @Override
    public VersionRegistry versions() {
        return versions;
    }

    @Override
    public AliasRegistry aliases() {
        return aliases;
    }

    /**
     * {@inheritDoc} Records are buffered; see the class comment for what a crash may lose.
     */
    @Override
    public ActivationStore activations() {
        return activations;
    }

    /** {@inheritDoc} Every change is synced before it returns; see the class comment. */
    @Override
    public AsyncQueue queue() {
        return queue;
    }

    @Override
    public NamedRegistry<Schedule> schedules() {
        return schedules;
    }

    @Override
    public NamedRegistry<Trigger> triggers() {
        return triggers;
    }

    @Override
    public NamedRegistry<Rule> rules() {
        return rules;
    }

    @Override
    public NamedRegistry<HttpRoute> routes() {
        return routes;
    }

    @Override
    public NamedRegistry<Namespace> namespaces() {
        return namespaces;
    }

    @Override
    public NamedRegistry<WhiskEntity> whiskEntities() {
        return whiskEntities;
    }

    /** {@inheritDoc} Every change is synced before it returns, through the same journal as the queue. */
    @Override
    public WorkflowStore workflows() {
        return workflows;
    }

    @Override
    public CodeStore code() {
        return code;
    }

    /** The absolute data directory. */
    public Path dataDirectory() {
        return dataDir;
    }

    /**
     * Activation records that were never written: pushed out of the full write buffer (the oldest pending
     * record goes; it stays readable in memory), recorded after {@link #close}, or lost to a failed write.
     * Monotonic; for metrics.
     */
    public long droppedActivationWrites() {
        return activations.dropped();
    }

    /**
     * Writes every activation recorded before the call and applies retention, then returns. The data is
     * committed, not synced. For tests and orderly shutdown; the background writer does this on its own.
     */
    public void flushActivations() {
        activations.flush();
    }

    /** Syncs of the queue and the named registries so far; for measurements. */
    long queueSyncs() {
        return commits.syncs();
    }

    /** Changes of the queue and the named registries made durable so far; for measurements. */
    long queueChanges() {
        return commits.changes();
    }

    /** Idempotency keys stored, expired ones not yet swept included; for tests. */
    long idempotencyKeyCount() {
        return queue.claimCount();
    }

    /** Number of activation batch entries in the file, after the writes so far; for tests. */
    long activationBatchCount() {
        return activations.batchCount();
    }

    /** Writes pending activations, then closes the file. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        activations.close(false);
        try {
            try {
                commits.close();
            } finally {
                io.run(mvStore::close);
            }
        } finally {
            io.close();
        }
    }

    /**
     * For crash tests: stops the writer without writing what is pending and releases the file without
     * committing anything, leaving on disk exactly what a {@code kill -9} at this moment would.
     */
    synchronized void crash() {
        if (closed) {
            return;
        }
        closed = true;
        activations.close(true);
        commits.abandon();
        io.run(mvStore::closeImmediately);
        io.close();
    }
}
