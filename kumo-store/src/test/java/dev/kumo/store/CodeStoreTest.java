package dev.kumo.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.core.CodeRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeStoreTest {

    static final byte[] JAR = "PK\u0003\u0004 not really a jar".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path dir;
    EmbeddedStore store;

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(dir, StoreOptions.defaults());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void storesBytesUnderTheirDigest() throws Exception {
        var sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(JAR));

        var ref = store.code().put(JAR);

        assertThat(ref).isEqualTo(new CodeRef(sha, JAR.length));
        var expected = dir.resolve("code/sha256").resolve(sha.substring(0, 2)).resolve(sha + ".jar");
        assertThat(store.code().path(ref)).contains(expected.toAbsolutePath());
        assertThat(Files.readAllBytes(expected)).isEqualTo(JAR);
    }

    @Test
    void sameBytesAreStoredOnce() throws Exception {
        var first = store.code().put(JAR);
        var second = store.code().put(JAR.clone());
        var other = store.code().put(new byte[0]);

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(files()).hasSize(2);
    }

    @Test
    void concurrentPutsOfTheSameBytesLeaveOneFile() throws Exception {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var refs = IntStream.range(0, 8).mapToObj(i -> threads.submit(() -> store.code().put(JAR))).toList();
            for (var ref : refs) {
                assertThat(ref.get()).isEqualTo(new CodeRef(refs.getFirst().get().sha256(), JAR.length));
            }
        }
        assertThat(files()).hasSize(1);
    }

    @Test
    void unknownCodeHasNoPath() {
        assertThat(store.code().path(new CodeRef("0".repeat(64), 3))).isEmpty();
    }

    @Test
    void openingRemovesTemporariesLeftByACrash() throws Exception {
        var ref = store.code().put(JAR);
        var shard = store.code().path(ref).orElseThrow().getParent();
        Files.write(shard.resolve(".tmp-123.jar"), new byte[] {1, 2});
        store.close();

        store = EmbeddedStore.open(dir, StoreOptions.defaults());

        assertThat(files()).hasSize(1);
        assertThat(store.code().path(ref)).isPresent();
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> walk = Files.walk(dir.resolve("code"))) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
