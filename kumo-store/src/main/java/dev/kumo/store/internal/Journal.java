package dev.kumo.store.internal;

import dev.kumo.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An append-only file of records, each synced before {@link #append} returns. A record is its length, a
 * CRC-32C, the generation it belongs to and its payload. The generation, kept elsewhere and bumped whenever
 * the journal is emptied, tells current records from stale ones: when the emptying of the file did not
 * reach the disk before a crash, new records overwrote the start of the old ones, and what follows them is
 * stale. {@link #read} returns the records from the start, skipping those of older generations, and stops
 * at the first record that is torn (a crash during its write) or fails its checksum. Only the
 * {@link StoreIo} thread calls it, so no interrupt ever closes the channel.
 */
final class Journal implements AutoCloseable {

    static final int HEADER = 4 + 4 + 8;

    private final Path file;
    private final FileChannel channel;
    private long size;

    Journal(Path file, FileChannel channel, long size) { // package-private: tests wrap the channel
        this.file = file;
        this.channel = channel;
        this.size = size;
    }

    /** Opens {@code file}, creating it (and syncing its directory) when absent. */
    static Journal open(Path file) {
        try {
            boolean created = !Files.exists(file);
            var channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (created) {
                FileCodeStore.syncDirectory(file.getParent());
            }
            return new Journal(file, channel, channel.size());
        } catch (IOException e) {
            throw new StoreException("cannot open journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** The payloads of the records of {@code generation} and later ones, in order. */
    List<byte[]> read(long generation) {
        var out = new ArrayList<byte[]>();
        var header = ByteBuffer.allocate(HEADER);
        long at = 0;
        try {
            while (at + HEADER <= size) {
                header.clear();
                readFully(header, at);
                int length = header.getInt(0);
                int crc = header.getInt(4);
                if (length < 0 || at + HEADER + length > size) {
                    break;
                }
                var payload = ByteBuffer.allocate(length);
                readFully(payload, at + HEADER);
                if (crc(header, payload.array(), length) != crc) {
                    break;
                }
                if (header.getLong(8) >= generation) {
                    out.add(payload.array());
                }
                at += HEADER + length;
            }
        } catch (IOException e) {
            throw new StoreException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    /**
     * Appends the first {@code length} bytes of {@code payload} as a record of {@code generation} and syncs.
     *
     * @throws UncheckedIOException when the write or the sync fails; the record may or may not be there
     */
    void append(long generation, byte[] payload, int length) {
        var record = ByteBuffer.allocate(HEADER + length);
        record.putInt(length).putInt(0).putLong(generation).put(payload, 0, length);
        record.putInt(4, crc(record, payload, length));
        record.flip();
        try {
            long at = size;
            while (record.hasRemaining()) {
                at += channel.write(record, at);
            }
            channel.force(false); // the data and the new length: fdatasync
            size = at;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to journal " + file + ": " + e.getMessage(), e);
        }
    }

    private static int crc(ByteBuffer header, byte[] payload, int length) {
        var crc = new CRC32C();
        crc.update(header.array(), 8, 8); // the generation
        crc.update(payload, 0, length);
        return (int) crc.getValue();
    }

    /** Empties the file. */
    void clear() {
        try {
            channel.truncate(0);
            size = 0; // even if the sync fails: appending past the end would leave a hole that ends replay
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Bytes in the file. */
    long size() {
        return size;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close journal " + file + ": " + e.getMessage(), e);
        }
    }
}
