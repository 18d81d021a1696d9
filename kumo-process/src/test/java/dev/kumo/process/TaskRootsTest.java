package dev.kumo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.CodeRef;
import dev.kumo.core.Runtimes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task roots: one read-only directory per code hash, complete or absent. */
class TaskRootsTest {

    @TempDir
    Path dir;

    private static CodeRef ref(Path blob) throws IOException {
        return new CodeRef(Fixtures.sha256(Files.readAllBytes(blob)), Files.size(blob));
    }

    @Test
    void aZipIsExtractedOnceReadOnlyWithRunnableFiles() throws IOException {
        Path zip = Fixtures.zip(dir, Map.of("bootstrap", "#!/bin/sh\n", "lib/util.py", "X = 1\n"));
        var roots = new TaskRoots(dir.resolve("work"));
        Path root = roots.prepare(ref(zip), zip, Runtimes.PROVIDED);
        assertThat(root.getFileName().toString()).isEqualTo(ref(zip).sha256());
        assertThat(root.resolve("lib/util.py")).hasContent("X = 1");
        assertThat(Files.getPosixFilePermissions(root.resolve("bootstrap")))
                .containsExactlyInAnyOrderElementsOf(java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        assertThat(Files.getPosixFilePermissions(root)).doesNotContain(
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(roots.prepare(ref(zip), zip, Runtimes.PROVIDED)).isEqualTo(root);
        try (var entries = Files.list(dir.resolve("work/tasks"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(ref(zip).sha256());
        }
    }

    @Test
    void aJarIsLinkedAsFunctionJar() throws IOException {
        Path jar = Fixtures.examplesJar(dir);
        Path root = new TaskRoots(dir.resolve("work")).prepare(ref(jar), jar, Runtimes.JAVA);
        assertThat(root.resolve(TaskRoots.JAR_NAME)).hasSameBinaryContentAs(jar);
    }

    @Test
    void anEntryPointingOutsideIsRefusedAndLeavesNothing() {
        Path zip = Fixtures.zip(dir, Map.of("../escape.sh", "boom"));
        var roots = new TaskRoots(dir.resolve("work"));
        assertThatThrownBy(() -> roots.prepare(ref(zip), zip, Runtimes.PROVIDED))
                .isInstanceOf(IOException.class).hasMessageContaining("outside the task root");
        assertThat(dir.resolve("work/escape.sh")).doesNotExist();
        assertThat(dir.resolve("work/tasks").toFile().list()).isEmpty();
    }
}
