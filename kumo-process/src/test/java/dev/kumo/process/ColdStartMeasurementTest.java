package dev.kumo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kumo.core.ActivationId;
import dev.kumo.core.Runtimes;
import dev.kumo.core.Tier;
import dev.kumo.spi.executor.Execution;
import dev.kumo.spi.executor.ExecutionResult;
import dev.kumo.spi.executor.StartResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures Java cold starts in the process tier against {@code java -jar} of a hello-world jar, side by side on
 * the same machine: a fresh worker JVM without and with the AOT cache, and a pre-started generic worker
 * specialized. Needs the packaged worker home ({@code ./mvnw package}); run with
 * {@code -Dkumo.measure=true -Dtest=ColdStartMeasurementTest}. Prints medians; asserts nothing about speed.
 */
@EnabledIfSystemProperty(named = "kumo.measure", matches = "true")
class ColdStartMeasurementTest {

    private static final int RUNS = 7;

    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        Path home = Path.of("target/worker").toAbsolutePath();
        assertThat(home.resolve(WorkerRuntimes.AOT_CACHE)).as("run ./mvnw package first").isRegularFile();
        Path noAot = dir.resolve("home-no-aot");
        Files.createDirectories(noAot);
        Files.createSymbolicLink(noAot.resolve("lib"), home.resolve("lib"));

        List<Long> javaJar = new ArrayList<>();
        Path hello = helloJar();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(java, "-jar", hello.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
            javaJar.add(System.nanoTime() - t0);
        }
        report("java -jar hello.jar (to exit)", javaJar, List.of());
        measure("fresh worker JVM, no AOT cache", noAot, false);
        measure("fresh worker JVM, AOT cache", home, false);
        measure("pre-started generic worker, AOT cache", home, true);
        measureScript("python3 worker", Runtimes.PYTHON3, "app.handler", "app.py",
                "def handler(event, context):\n    return {'ok': True}\n");
        measureScript("node worker", Runtimes.NODEJS, "index.handler", "index.js",
                "exports.handler = async () => ({ ok: true });\n");
    }

    private void measureScript(String label, String runtime, String handler, String file, String source) {
        var config = ProcessTierConfig.defaults(dir.resolve("work-" + runtime));
        InstantSource clock = InstantSource.system();
        Path zip = Fixtures.zip(dir, Map.of(file, source));
        List<Long> starts = new ArrayList<>();
        List<Long> firsts = new ArrayList<>();
        try (var api = RuntimeApi.create();
             var executor = ProcessExecutor.create(Tier.PROCESS, config, api, Confiner.plain(), clock, Optional.empty())) {
            for (int i = 0; i < RUNS; i++) {
                var spec = Fixtures.spec("s" + i, runtime, handler, zip, 30_000, Map.of());
                long t0 = System.nanoTime();
                StartResult start = executor.start(spec, ActivationId.random(), clock.instant().plusSeconds(30));
                long t1 = System.nanoTime();
                assertThat(start).isInstanceOf(StartResult.Started.class);
                var instance = ((StartResult.Started) start).instance();
                var result = instance.execute(new Execution(ActivationId.random(),
                        "{}".getBytes(StandardCharsets.UTF_8), clock.instant().plusSeconds(30)));
                long t2 = System.nanoTime();
                assertThat(result).isInstanceOf(ExecutionResult.Returned.class);
                starts.add(t1 - t0);
                firsts.add(t2 - t1);
                instance.close();
            }
        }
        report(label, starts, firsts);
    }

    private void measure(String label, Path home, boolean pool) throws Exception {
        var config = ProcessTierConfig.defaults(dir.resolve("work-" + label.hashCode())).withWorkerHome(home)
                .withPool(pool ? 1 : 0, 1024);
        InstantSource clock = InstantSource.system();
        Path jar = Fixtures.examplesJar(dir);
        List<Long> starts = new ArrayList<>();
        List<Long> firsts = new ArrayList<>();
        Optional<JavaWorkerPool> generic = pool ? Optional.of(JavaWorkerPool.create(config, clock)) : Optional.empty();
        try (var api = RuntimeApi.create();
             var executor = ProcessExecutor.create(Tier.PROCESS, config, api, Confiner.plain(), clock, generic)) {
            for (int i = 0; i < RUNS; i++) {
                generic.ifPresent(g -> await().atMost(Duration.ofSeconds(30))
                        .until(() -> g.ready(256) >= 1));
                var spec = Fixtures.spec("m" + i, Runtimes.JAVA, "dev.kumo.examples.Hello", jar, 30_000, Map.of());
                long t0 = System.nanoTime();
                StartResult start = executor.start(spec, ActivationId.random(), clock.instant().plusSeconds(30));
                long t1 = System.nanoTime();
                assertThat(start).isInstanceOf(StartResult.Started.class);
                var instance = ((StartResult.Started) start).instance();
                var result = instance.execute(new Execution(ActivationId.random(),
                        "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8), clock.instant().plusSeconds(30)));
                long t2 = System.nanoTime();
                assertThat(result).isInstanceOf(ExecutionResult.Returned.class);
                starts.add(t1 - t0);
                firsts.add(t2 - t1);
                instance.close();
            }
        }
        report(label, starts, firsts);
    }

    private static void report(String label, List<Long> starts, List<Long> firsts) {
        System.out.printf("[cold-start] %-40s start median %6.1f ms (min %6.1f)%s%n", label, median(starts) / 1e6,
                starts.stream().mapToLong(Long::longValue).min().orElse(0) / 1e6,
                firsts.isEmpty() ? "" : String.format(", first invocation median %6.1f ms", median(firsts) / 1e6));
    }

    private static double median(List<Long> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private Path helloJar() throws IOException {
        Path src = dir.resolve("src/HelloMain.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "public class HelloMain { public static void main(String[] a) {"
                + " System.out.println(\"hello\"); } }");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString());
        assertThat(rc).isZero();
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "HelloMain");
        Path jar = dir.resolve("hello.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("HelloMain.class"));
            out.write(Files.readAllBytes(classes.resolve("HelloMain.class")));
            out.closeEntry();
        }
        return jar;
    }
}
