package dev.kumo.runtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The entries of one jar, read into memory once and shared, read-only, by every class loader of that code:
 * a cold start then defines classes from byte arrays without touching the zip file. For a multi-release jar
 * the newest {@code META-INF/versions/N/} entry with {@code N} not above the running Java version replaces
 * the base entry. Holds the uncompressed jar in memory (at most {@link #MAX_TOTAL_BYTES}) for as long as a
 * loader of it lives, or the cache keeps it softly reachable.
 */
final class CodeIndex {

    private static final String VERSIONS = "META-INF/versions/";
    private static final int JAVA_FEATURE = Runtime.version().feature();
    /** Bound on the uncompressed size of one jar held in memory, so a zip bomb cannot exhaust the heap. */
    static final int MAX_TOTAL_BYTES = 512 * 1024 * 1024;

    private final Map<String, byte[]> entries;
    private final String jarUri;
    private final CodeSource codeSource;

    private CodeIndex(Map<String, byte[]> entries, Path jar) {
        this.entries = entries;
        this.jarUri = jar.toUri().toString();
        this.codeSource = new CodeSource(toUrl(jarUri), (CodeSigner[]) null);
    }

    /** Reads every entry of {@code jar}. */
    static CodeIndex read(Path jar) {
        try (var zip = new ZipFile(jar.toFile())) {
            boolean multiRelease = isMultiRelease(zip);
            var entries = new HashMap<String, byte[]>(zip.size() * 4 / 3 + 1);
            var chosenVersion = new HashMap<String, Integer>();
            int total = 0;
            var it = zip.entries();
            while (it.hasMoreElements()) {
                ZipEntry entry = it.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                byte[] bytes;
                try (var in = zip.getInputStream(entry)) {
                    bytes = in.readNBytes(MAX_TOTAL_BYTES - total + 1);
                }
                total += bytes.length;
                if (total > MAX_TOTAL_BYTES) {
                    throw new IOException("its entries expand to more than " + (MAX_TOTAL_BYTES >> 20) + " MiB");
                }
                if (multiRelease && name.startsWith(VERSIONS)) {
                    entries.put(name, bytes);
                    int slash = name.indexOf('/', VERSIONS.length());
                    int version = slash < 0 ? -1 : parseVersion(name.substring(VERSIONS.length(), slash));
                    if (version > 8 && version <= JAVA_FEATURE) {
                        String base = name.substring(slash + 1);
                        if (chosenVersion.getOrDefault(base, 0) < version) {
                            chosenVersion.put(base, version);
                            entries.put(base, bytes);
                        }
                    }
                } else if (!chosenVersion.containsKey(name)) {
                    entries.put(name, bytes);
                }
            }
            return new CodeIndex(Map.copyOf(entries), jar);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read function code " + jar + ": " + e.getMessage(), e);
        }
    }

    /** The bytes of entry {@code name}, or {@code null} when absent. */
    byte[] get(String name) {
        return entries.get(name);
    }

    /** A {@code jar:} URL of entry {@code name}, or {@code null} when absent. */
    URL url(String name) {
        if (!entries.containsKey(name)) {
            return null;
        }
        try {
            String path = new URI(null, null, name, null).getRawPath();
            return toUrl("jar:" + jarUri + "!/" + path);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Where the code came from, for protection domains. */
    CodeSource codeSource() {
        return codeSource;
    }

    private static boolean isMultiRelease(ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(JarFile.MANIFEST_NAME);
        if (entry == null) {
            return false;
        }
        try (var in = zip.getInputStream(entry)) {
            return "true".equalsIgnoreCase(new Manifest(in).getMainAttributes().getValue(Attributes.Name.MULTI_RELEASE));
        }
    }

    private static int parseVersion(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static URL toUrl(String spec) {
        try {
            return URI.create(spec).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot form a URL from " + spec, e);
        }
    }
}
