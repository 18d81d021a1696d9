package dev.kumo.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> strings(List<byte[]> records) {
        return records.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void recordsSurviveReopening() {
        var file = dir.resolve("j");
        try (var journal = Journal.open(file)) {
            journal.append(3, bytes("one"), 3);
            journal.append(3, bytes("two!!"), 3); // only the first three bytes count
            journal.append(3, new byte[0], 0);
        }
        try (var journal = Journal.open(file)) {
            assertThat(strings(journal.read(3))).containsExactly("one", "two", "");
            assertThat(journal.size()).isEqualTo(3 * Journal.HEADER + 6);
        }
    }

    @Test
    void aTornOrCorruptTailIsIgnored() throws IOException {
        var file = dir.resolve("j");
        try (var journal = Journal.open(file)) {
            journal.append(0, bytes("kept"), 4);
            journal.append(0, bytes("torn"), 4);
        }
        var whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 1));
        try (var journal = Journal.open(file)) {
            assertThat(strings(journal.read(0))).containsExactly("kept");
        }

        whole[whole.length - 1] ^= 1; // a flipped bit in the payload of the second record
        Files.write(file, whole);
        try (var journal = Journal.open(file)) {
            assertThat(strings(journal.read(0))).containsExactly("kept");
        }
    }

    @Test
    void olderGenerationsAreSkippedNewerOnesRead() {
        try (var journal = Journal.open(dir.resolve("j"))) {
            journal.append(4, bytes("old"), 3);
            journal.append(5, bytes("current"), 7);
            journal.append(6, bytes("after a failed checkpoint"), 25);

            assertThat(strings(journal.read(5))).containsExactly("current", "after a failed checkpoint");
        }
    }

    @Test
    void staleRecordsBehindAnEmptyingThatWasLostAreNotRead() throws IOException {
        var file = dir.resolve("j");
        byte[] before;
        try (var journal = Journal.open(file)) {
            journal.append(1, bytes("aaaaaaaaaaaaaaaa"), 16);
            journal.append(1, bytes("bbbbbbbbbbbbbbbb"), 16);
            journal.append(1, bytes("c"), 1);
            before = Files.readAllBytes(file);
            journal.clear();
            assertThat(journal.read(1)).isEmpty();
            journal.append(2, bytes("new, as long as a"), 16);
        }
        // the crash lost the truncation: the new record overwrote the first old one, the others remain
        var after = Files.readAllBytes(file);
        var disk = before.clone();
        System.arraycopy(after, 0, disk, 0, after.length);
        Files.write(file, disk);

        try (var journal = Journal.open(file)) {
            assertThat(strings(journal.read(2))).containsExactly("new, as long as ");
        }
    }

    static FailingChannel failing(Path file) throws IOException {
        return new FailingChannel(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
    }

    @Test
    void recordsAppendedAfterAnEmptyingWhoseSyncFailedAreRead() throws IOException {
        var file = dir.resolve("j");
        var channel = failing(file);
        try (var journal = new Journal(file, channel, 0)) {
            journal.append(1, bytes("folded into MVStore"), 19);
            channel.failNextSync = true;
            assertThatThrownBy(journal::clear).isInstanceOf(UncheckedIOException.class);
            journal.append(2, bytes("acknowledged"), 12);
        }
        try (var journal = Journal.open(file)) {
            assertThat(strings(journal.read(2))).as("no hole in front of it").containsExactly("acknowledged");
        }
    }

    @Test
    void aRecordWhoseSyncFailedIsOverwrittenByTheNext() throws IOException {
        var file = dir.resolve("j");
        var channel = failing(file);
        try (var journal = new Journal(file, channel, 0)) {
            journal.append(0, bytes("one"), 3);
            channel.failNextSync = true;
            assertThatThrownBy(() -> journal.append(0, bytes("refused, and long"), 17))
                    .isInstanceOf(UncheckedIOException.class);
            journal.append(0, bytes("two"), 3);
        }
        try (var journal = Journal.open(file)) {
            assertThat(strings(journal.read(0))).containsExactly("one", "two");
        }
    }
}
