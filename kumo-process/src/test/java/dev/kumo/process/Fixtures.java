package dev.kumo.process;

import dev.kumo.core.CodeRef;
import dev.kumo.core.FunctionConfig;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Tier;
import dev.kumo.spi.executor.InstanceSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds function code and specs for tests: zips from strings, the examples jar. */
final class Fixtures {

    private Fixtures() {
    }

    /** A zip of {@code files} (name -> content) written below {@code dir}. */
    static Path zip(Path dir, Map<String, String> files) {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (var e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return write(dir, bytes.toByteArray());
    }

    static Path write(Path dir, byte[] bytes) {
        try {
            Path file = dir.resolve(sha256(bytes) + ".blob");
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InstanceSpec spec(String name, String runtime, String handler, Path code, long timeoutMs,
                             Map<String, String> env) {
        return spec(name, runtime, handler, code, timeoutMs, env, 256, Tier.PROCESS);
    }

    static InstanceSpec spec(String name, String runtime, String handler, Path code, long timeoutMs,
                             Map<String, String> env, int memoryMb, Tier tier) {
        try {
            byte[] bytes = Files.readAllBytes(code);
            var config = new FunctionConfig(handler, runtime, memoryMb, timeoutMs, 1, 4, tier, env, "");
            var version = new FunctionVersion(name, FunctionVersion.LATEST, config,
                    new CodeRef(sha256(bytes), bytes.length), Instant.EPOCH, 1);
            return new InstanceSpec(version, code);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The examples jar (packed from its classes directory when Maven handed out a directory). */
    static Path examplesJar(Path dir) {
        try {
            Path location = Path.of(Class.forName("dev.kumo.examples.Hello").getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            if (Files.isRegularFile(location)) {
                return location;
            }
            Path jarFile = dir.resolve("examples.jar");
            try (var jar = new JarOutputStream(Files.newOutputStream(jarFile)); var files = Files.walk(location)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    jar.putNextEntry(new JarEntry(location.relativize(file).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(file));
                    jar.closeEntry();
                }
            }
            return jarFile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
            throw new IllegalStateException("the examples are not on the test class path", e);
        }
    }

    /** Compiles {@code source} (one public class {@code className}, JDK types only) into a jar below {@code dir}. */
    static Path compiledJar(Path dir, String className, String source) {
        try {
            Path src = dir.resolve("src-" + className).resolve(className + ".java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, source);
            Path classes = dir.resolve("classes-" + className);
            Files.createDirectories(classes);
            int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                    src.toString());
            if (rc != 0) {
                throw new IllegalStateException("cannot compile " + className);
            }
            var bytes = new ByteArrayOutputStream();
            try (var jar = new JarOutputStream(bytes); var files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(file));
                    jar.closeEntry();
                }
            }
            return write(dir, bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
