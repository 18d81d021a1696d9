package dev.kumo.bench;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_void;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The smallest Java program there is, as an executable jar: {@code bench.Hello}, whose {@code main} prints
 * {@code hello}. Generated with the ClassFile API, so the baseline needs no compiler and no source. Run with
 * the benchmark's own JDK ({@code java.home}), plain {@code java -jar hello.jar}: what starting a fresh JVM
 * costs before any platform is involved.
 */
final class HelloJar {

    private static final String MAIN = "bench.Hello";

    private HelloJar() {
    }

    /** Writes {@code hello.jar} into {@code dir} and returns its path. */
    static Path write(Path dir) throws IOException {
        ClassDesc out = ClassDesc.of("java.io.PrintStream");
        byte[] hello = ClassFile.of().build(ClassDesc.of(MAIN), cls -> cls
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL)
                .withSuperclass(CD_Object)
                .withMethodBody("main", MethodTypeDesc.of(CD_void, CD_String.arrayType()),
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                                .getstatic(ClassDesc.of("java.lang.System"), "out", out)
                                .ldc("hello")
                                .invokevirtual(out, "println", MethodTypeDesc.of(CD_void, CD_String))
                                .return_()));
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, MAIN);
        Path jar = dir.resolve("hello.jar");
        try (OutputStream file = Files.newOutputStream(jar); var zip = new JarOutputStream(file, manifest)) {
            zip.putNextEntry(new JarEntry(MAIN.replace('.', '/') + ".class"));
            zip.write(hello);
            zip.closeEntry();
        }
        return jar;
    }

    /**
     * Runs {@code java -jar jar} once and returns its wall time in nanoseconds, from starting the process to its
     * exit.
     *
     * @throws IllegalStateException when it does not exit 0 within a minute
     */
    static long runOnce(Path jar) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        var builder = new ProcessBuilder(java.toString(), "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process p = builder.start();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        long nanos = System.nanoTime() - start;
        if (!exited) {
            p.destroyForcibly();
            throw new IllegalStateException("java -jar " + jar + " did not exit within 60 s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("java -jar " + jar + " exited " + p.exitValue());
        }
        return nanos;
    }
}
