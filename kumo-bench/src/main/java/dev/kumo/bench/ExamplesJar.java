package dev.kumo.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The bytes of the {@code kumo-examples} jar, found on the benchmark's own class path, for deploying the
 * example handlers under new names. When the examples are a class folder (an IDE or reactor build), the
 * folder is packed into a jar in memory.
 */
final class ExamplesJar {

    /** Handler class names in the examples jar. */
    static final String HELLO = "dev.kumo.examples.Hello";
    static final String NOOP = "dev.kumo.examples.Noop";
    static final String SLEEP = "dev.kumo.examples.Sleep";
    static final String REPLAY = "dev.kumo.examples.Replay";

    private static final String PROBE = "dev/kumo/examples/Hello.class";

    private ExamplesJar() {
    }

    /** The examples jar as a file: the jar on the class path, or a packed copy in a temp file. */
    static Path path() {
        URL url = probe();
        try {
            if (url.getProtocol().equals("jar")) {
                return Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
            }
            Path jar = Files.createTempFile("kumo-examples-", ".jar");
            jar.toFile().deleteOnExit();
            return Files.write(jar, bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the examples jar at " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad examples location " + url, e);
        }
    }

    /** Reads (or packs) the examples jar. */
    static byte[] bytes() {
        URL url = probe();
        try {
            return switch (url.getProtocol()) {
                case "jar" -> Files.readAllBytes(Path.of(((JarURLConnection) url.openConnection())
                        .getJarFileURL().toURI()));
                case "file" -> pack(Path.of(url.toURI()).getParent().getParent().getParent().getParent());
                default -> throw new IllegalStateException("cannot read examples from " + url);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the examples jar at " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad examples location " + url, e);
        }
    }

    private static URL probe() {
        URL url = ExamplesJar.class.getClassLoader().getResource(PROBE);
        if (url == null) {
            throw new IllegalStateException(PROBE + " is not on the class path; build with "
                    + "./mvnw -Pbench -pl kumo-bench -am package -DskipTests");
        }
        return url;
    }

    private static byte[] pack(Path root) throws IOException {
        var bytes = new ByteArrayOutputStream();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (var jar = new JarOutputStream(bytes)) {
            for (Path file : files) {
                jar.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
