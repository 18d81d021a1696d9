package dev.kumo.runtime.testing;

import dev.kumo.core.FunctionConfig;
import dev.kumo.core.Tier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds function jars in memory from compiled test classes or generated class files. */
public final class TestJars {

    private TestJars() {
    }

    /** A jar holding {@code classes} and, recursively, their nested classes. */
    public static byte[] of(Class<?>... classes) {
        var entries = new LinkedHashMap<String, byte[]>();
        for (Class<?> c : classes) {
            add(c, entries);
        }
        return jar(entries, false);
    }

    /** A jar with exactly these entries; {@code multiRelease} adds the manifest attribute. */
    public static byte[] jar(Map<String, byte[]> entries, boolean multiRelease) {
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (multiRelease) {
            manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
        }
        var bytes = new ByteArrayOutputStream();
        try (var jar = new JarOutputStream(bytes, manifest)) {
            for (var e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The class file of {@code c} as compiled for the tests. */
    public static byte[] classFile(Class<?> c) {
        String resource = c.getName().replace('.', '/') + ".class";
        try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no class file for " + c);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entry name of {@code c}'s class file. */
    public static String entry(Class<?> c) {
        return c.getName().replace('.', '/') + ".class";
    }

    /** A valid config for {@code handler}: 128 MB, the given tier and limits. */
    public static FunctionConfig config(Class<?> handler, Tier tier, int concurrency, int maxInstances,
                                        long timeoutMs) {
        return new FunctionConfig(handler.getName(), "java", 128, timeoutMs, concurrency, maxInstances, tier,
                Map.of("GREETING", "hi"), "");
    }

    private static void add(Class<?> c, Map<String, byte[]> entries) {
        entries.put(entry(c), classFile(c));
        for (Class<?> nested : c.getDeclaredClasses()) {
            add(nested, entries);
        }
    }
}
