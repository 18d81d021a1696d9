package dev.kumo.server.compat.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Lambda's Java package layout on Kumo: a zip with classes (and resources) at its root and dependency jars under
 * {@code lib/}. Kumo loads a function from one jar and does not read jars nested in it, so such a zip is flattened
 * at deploy into one jar: the root entries first, then each {@code lib/*.jar} in name order, the first entry of a
 * name winning (the order of Lambda's class path). Signature files and manifests of the nested jars are dropped.
 */
final class LambdaZips {

    /** Bound on the bytes a package expands to while flattening, so a zip bomb cannot exhaust the heap. */
    static final long MAX_EXPANDED_BYTES = 512L * 1024 * 1024;

    private LambdaZips() {
    }

    /** {@code zip} unchanged when it has no {@code lib/*.jar}, else the flattened jar. */
    static byte[] flatten(byte[] zip) {
        var root = new TreeMap<String, byte[]>();
        var libs = new TreeMap<String, byte[]>();
        long[] total = {0};
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                boolean lib = name.startsWith("lib/") && name.indexOf('/', 4) < 0
                        && name.toLowerCase(Locale.ROOT).endsWith(".jar");
                (lib ? libs : root).put(name, read(in, total));
            }
        } catch (IOException e) {
            throw LambdaErrors.invalidParameter("ZipFile is not a valid zip: " + e.getMessage());
        }
        if (libs.isEmpty()) {
            return zip;
        }
        var out = new ByteArrayOutputStream(zip.length * 2);
        var written = new HashSet<String>();
        try (var jar = new ZipOutputStream(out)) {
            jar.setLevel(Deflater.BEST_SPEED); // a deploy-time cost: packages run to 50 MB
            write(jar, root, written);
            for (var lib : libs.entrySet()) {
                var entries = new TreeMap<String, byte[]>();
                try (var in = new ZipInputStream(new ByteArrayInputStream(lib.getValue()))) {
                    for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                        if (!e.isDirectory() && !dropped(e.getName())) {
                            entries.putIfAbsent(e.getName(), read(in, total));
                        }
                    }
                } catch (IOException e) {
                    throw LambdaErrors.invalidParameter(lib.getKey() + " is not a valid jar: " + e.getMessage());
                }
                write(jar, entries, written);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static boolean dropped(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.equals("META-INF/MANIFEST.MF") || upper.equals("MODULE-INFO.CLASS")
                || upper.startsWith("META-INF/") && (upper.endsWith(".SF") || upper.endsWith(".RSA")
                || upper.endsWith(".DSA") || upper.endsWith(".EC"));
    }

    private static void write(ZipOutputStream jar, Map<String, byte[]> entries, Set<String> written)
            throws IOException {
        for (var e : entries.entrySet()) {
            if (written.add(e.getKey())) {
                jar.putNextEntry(new ZipEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
    }

    private static byte[] read(InputStream in, long[] total) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_EXPANDED_BYTES - total[0] + 1));
        total[0] += bytes.length;
        if (total[0] > MAX_EXPANDED_BYTES) {
            throw LambdaErrors.invalidParameter("the package expands to more than " + (MAX_EXPANDED_BYTES >> 20)
                    + " MiB");
        }
        return bytes;
    }
}
