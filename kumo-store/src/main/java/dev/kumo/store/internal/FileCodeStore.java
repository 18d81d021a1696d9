package dev.kumo.store.internal;

import dev.kumo.core.CodeRef;
import dev.kumo.spi.store.CodeStore;
import dev.kumo.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Code blobs as files {@code <root>/<first 2 hex digits>/<sha256>.jar}. A blob is written to a temporary
 * file in its final directory, synced, renamed into place atomically and the directory synced, so a file
 * under its final name is always complete and, once {@link #put} returns, survives a crash of the process
 * or the machine. Temporaries a crash left behind are deleted on open.
 */
public final class FileCodeStore implements CodeStore {

    private static final String TEMP_PREFIX = ".tmp-";

    private final Path root;

    /** Uses (and creates) {@code root}, removing stale temporaries. */
    public FileCodeStore(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
            syncDirectory(root.getParent());
            syncDirectory(root.getParent().getParent());
            try (Stream<Path> files = Files.walk(root, 2)) {
                for (var file : files.filter(f -> f.getFileName().toString().startsWith(TEMP_PREFIX)).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot prepare code directory " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public CodeRef put(byte[] code) {
        var ref = new CodeRef(sha256(code), code.length);
        var file = file(ref);
        var dir = file.getParent();
        try {
            if (Files.isRegularFile(file) && Files.size(file) == code.length) {
                // Its writer may have crashed before syncing the directory entry.
                syncDirectory(dir);
                return ref;
            }
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                syncDirectory(root);
            }
            var temp = dir.resolve(TEMP_PREFIX + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
            try {
                try (var channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    var buffer = ByteBuffer.wrap(code);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            syncDirectory(dir);
            return ref;
        } catch (IOException e) {
            throw new StoreException("cannot store code " + ref.sha256() + " under " + root + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Path> path(CodeRef ref) {
        var file = file(ref);
        try {
            return Files.isRegularFile(file) && Files.size(file) == ref.size() ? Optional.of(file) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // deleted while we looked
        }
    }

    private Path file(CodeRef ref) {
        return root.resolve(ref.sha256().substring(0, 2)).resolve(ref.sha256() + ".jar");
    }

    private static String sha256(byte[] code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Makes a directory's entries durable; a no-op where directories cannot be opened (Windows). */
    public static void syncDirectory(Path dir) throws IOException {
        try (var channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // Windows refuses to open a directory; NTFS journals metadata anyway.
        }
    }
}
