package dev.kumo.store;

import dev.kumo.spi.store.ActivationStore;
import dev.kumo.spi.store.AliasRegistry;
import dev.kumo.spi.store.CodeStore;
import dev.kumo.spi.store.FunctionRegistry;
import dev.kumo.spi.store.Store;
import dev.kumo.spi.store.VersionRegistry;
import dev.kumo.store.internal.ActivationLog;
import dev.kumo.store.internal.FileCodeStore;
import dev.kumo.store.internal.FunctionTable;
import dev.kumo.store.internal.JsonCodec;
import dev.kumo.store.internal.MvActivationStore;
import dev.kumo.store.internal.MvAliasRegistry;
import dev.kumo.store.internal.MvFunctionRegistry;
import dev.kumo.store.internal.MvVersionRegistry;
import dev.kumo.store.internal.StoreIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The single-node {@link Store}: one data directory holding the H2 MVStore file {@code kumo.mv.db}
 * (registry and activations) and content-addressed code files under {@code code/sha256/}.
 *
 * <p><b>Durability.</b> MVStore's background auto-commit is disabled; the store decides when data reaches
 * the disk. Every registry write (functions, versions, aliases) is committed and then synced with
 * {@code fsync} before the method returns, so it survives {@code kill -9} and power loss. Code blobs are
 * written to a temporary file, synced, renamed into place and their directory synced, also before
 * {@code put} returns. Retained activation records are all held in memory, which serves every read, and
 * are written by a background thread in batches (every 200 ms or 2,048 records, whichever comes first),
 * one binary entry per batch, committed but not synced: on {@code kill -9} the records still buffered are
 * lost (normally the last ~200 ms; at most 16,384 when the writer falls behind), and a power loss may also
 * lose what the OS had not written back yet. Registry writes are never lost.
 *
 * <p>A batch entry is deleted once retention (count or age) has dropped all of its records. MVStore appends
 * each commit as a new chunk and reuses the space of dead chunks only after its retention time (45 s), so
 * the file holds the live data plus roughly the last 45 s of writes (about 150 bytes per activation).
 *
 * <p>All MVStore file access runs on one private I/O thread, which serializes writes and keeps request
 * threads' interrupts away from the file channel. Registry reads are served from memory. The file is
 * locked while open: a second store on the same directory, in this or another process, fails to open.
 */
public final class EmbeddedStore implements Store {

    private static final String FILE_NAME = "kumo.mv.db";

    private final Path dataDir;
    private final StoreIo io;
    private final MVStore mvStore;
    private final MvFunctionRegistry functions;
    private final MvVersionRegistry versions;
    private final MvAliasRegistry aliases;
    private final MvActivationStore activations;
    private final FileCodeStore code;
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
        this.activations = new MvActivationStore(io.call(() -> new ActivationLog(mvStore)), io, json, options);
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
            return new MVStore.Builder()
                    .fileName(dir.resolve(FILE_NAME).toString())
                    .autoCommitDisabled()
                    .open();
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

    @Override
    public dev.kumo.spi.store.AsyncQueue queue() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public dev.kumo.spi.store.NamedRegistry<dev.kumo.core.event.Schedule> schedules() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public dev.kumo.spi.store.NamedRegistry<dev.kumo.core.event.Trigger> triggers() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public dev.kumo.spi.store.NamedRegistry<dev.kumo.core.event.Rule> rules() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public dev.kumo.spi.store.NamedRegistry<dev.kumo.core.event.HttpRoute> routes() {
        throw new UnsupportedOperationException("not yet");
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
            io.run(mvStore::close);
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
        io.run(mvStore::closeImmediately);
        io.close();
    }
}
