package dev.kumo.server.compat.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class LambdaZipsTest {

    @Test
    void aZipWithoutLibJarsIsKeptAsIs() throws IOException {
        byte[] zip = zip(Map.of("a/B.class", bytes("b")));
        assertThat(LambdaZips.flatten(zip)).isSameAs(zip);
    }

    @Test
    void libJarsAreMergedAfterTheRootEntriesAndTheFirstOfANameWins() throws IOException {
        byte[] dep1 = zip(Map.of("dep/One.class", bytes("one"), "shared.txt", bytes("from dep1"),
                "META-INF/MANIFEST.MF", bytes("x"), "META-INF/SIGNER.SF", bytes("sig")));
        byte[] dep2 = zip(Map.of("dep/Two.class", bytes("two"), "shared.txt", bytes("from dep2")));
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put("app/Handler.class", bytes("handler"));
        entries.put("lib/b-dep2.jar", dep2);
        entries.put("lib/a-dep1.jar", dep1);
        entries.put("lib/nested/ignored.jar", bytes("not flattened"));
        var flat = unzip(LambdaZips.flatten(zip(entries)));
        assertThat(flat).containsOnlyKeys("app/Handler.class", "dep/One.class", "dep/Two.class", "shared.txt",
                "lib/nested/ignored.jar");
        assertThat(new String(flat.get("shared.txt"), StandardCharsets.UTF_8)).isEqualTo("from dep1");
        assertThat(new String(flat.get("dep/Two.class"), StandardCharsets.UTF_8)).isEqualTo("two");
    }

    @Test
    void garbageIsLeftForTheDeployersInspectionToRefuse() throws IOException {
        byte[] zip = zip(Map.of("lib/broken.jar", new byte[] {1, 2, 3}, "A.class", bytes("a")));
        // A lib that is no zip reads as an empty one: the result simply lacks it.
        assertThat(unzip(LambdaZips.flatten(zip))).containsOnlyKeys("A.class");
        byte[] garbage = bytes("this is not a zip at all");
        assertThat(LambdaZips.flatten(garbage)).isSameAs(garbage);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        var entries = new LinkedHashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
