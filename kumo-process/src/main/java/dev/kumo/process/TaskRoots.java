package dev.kumo.process;

import dev.kumo.core.CodeRef;
import dev.kumo.core.Runtimes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One read-only directory per code hash, {@code <workDir>/tasks/<sha256>/}: a zip's entries extracted (files
 * readable and executable, since zips made with Java's tools carry no modes and {@code bootstrap} must run),
 * or a Java function's jar as {@code function.jar}. Built in a temporary directory and renamed into place, so
 * a task root is complete or absent; concurrent cold starts of the same code share it.
 */
final class TaskRoots {

    /** Bound on the extracted size of one zip (Lambda allows 250 MB unzipped). */
    static final long MAX_EXTRACTED_BYTES = 256L * 1024 * 1024;
    static final String JAR_NAME = "function.jar";

    private final Path dir;

    TaskRoots(Path workDir) {
        this.dir = workDir.resolve("tasks");
    }

    /** The task root of {@code code}, creating it from the stored blob {@code blob} when missing. */
    Path prepare(CodeRef code, Path blob, String runtime) throws IOException {
        Path root = dir.resolve(code.sha256());
        if (Files.isDirectory(root)) {
            return root;
        }
        Files.createDirectories(dir);
        Path tmp = dir.resolve(".tmp-" + code.sha256().substring(0, 12) + "-" + UUID.randomUUID());
        Files.createDirectory(tmp);
        try {
            if (Runtimes.JAVA.equals(runtime)) {
                try {
                    Files.createLink(tmp.resolve(JAR_NAME), blob);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(blob, tmp.resolve(JAR_NAME));
                }
            } else {
                extract(blob, tmp);
            }
            readOnly(tmp);
            try {
                Files.move(tmp, root, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                delete(tmp); // another cold start of the same code won
            } catch (IOException e) {
                if (!Files.isDirectory(root)) {
                    throw e;
                }
                delete(tmp);
            }
        } catch (IOException | RuntimeException e) {
            delete(tmp);
            throw e;
        }
        return root;
    }

    private static void extract(Path zip, Path target) throws IOException {
        long total = 0;
        try (InputStream file = Files.newInputStream(zip); var in = new ZipInputStream(file)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target) || out.equals(target)) {
                    throw new IOException("zip entry '" + e.getName() + "' points outside the task root");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (var os = Files.newOutputStream(out)) {
                    byte[] buffer = new byte[65536];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        total += n;
                        if (total > MAX_EXTRACTED_BYTES) {
                            throw new IOException("code unzips to more than " + MAX_EXTRACTED_BYTES + " bytes");
                        }
                        os.write(buffer, 0, n);
                    }
                }
            }
        }
    }

    private static void readOnly(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r-xr-xr-x"));
            }
        }
    }

    private static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                if (p.getParent() != null) {
                    p.getParent().toFile().setWritable(true);
                }
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
