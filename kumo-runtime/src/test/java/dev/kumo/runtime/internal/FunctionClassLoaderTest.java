package dev.kumo.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.function.Handler;
import dev.kumo.runtime.fn.Greeter;
import dev.kumo.runtime.fn.Hello;
import dev.kumo.runtime.testing.TestJars;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class FunctionClassLoaderTest {

    @TempDir
    Path dir;

    @Test
    void definesJarClassesItselfEvenWhenTheApplicationHasThem() throws Exception {
        var loader = loader(TestJars.of(Greeter.class));

        Class<?> greeter = loader.loadClass(Greeter.class.getName());

        assertThat(greeter).isNotSameAs(Greeter.class);
        assertThat(greeter.getClassLoader()).isSameAs(loader);
        assertThat(greeter.getProtectionDomain().getCodeSource().getLocation().getProtocol()).isEqualTo("file");
        assertThat(loader.loadClass(Greeter.Input.class.getName()).getClassLoader()).isSameAs(loader);
    }

    @Test
    void sharesTheFunctionApisWithThePlatform() throws Exception {
        var loader = loader(TestJars.of(Hello.class));

        assertThat(loader.loadClass(Handler.class.getName())).isSameAs(Handler.class);
        assertThat(loader.loadClass(JsonNode.class.getName())).isSameAs(JsonNode.class);
        assertThat(loader.loadClass("com.amazonaws.services.lambda.runtime.RequestHandler"))
                .isSameAs(com.amazonaws.services.lambda.runtime.RequestHandler.class);
        assertThat(loader.loadClass("com.fasterxml.jackson.annotation.JsonProperty").getClassLoader())
                .isSameAs(getClass().getClassLoader());
        assertThat(Handler.class.isAssignableFrom(loader.loadClass(Hello.class.getName()))).isTrue();
    }

    @Test
    void givesEvenAJarBundlingGsonTheRuntimesGsonButItsOwnExtras() throws Exception {
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put("com/google/gson/JsonObject.class", emptyClass("com.google.gson.JsonObject"));
        entries.put("com/google/gson/extra/Extra.class", emptyClass("com.google.gson.extra.Extra"));
        var loader = loader(TestJars.jar(entries, false));

        assertThat(loader.loadClass("com.google.gson.JsonObject")).isSameAs(com.google.gson.JsonObject.class);
        assertThat(loader.loadClass("com.google.gson.extra.Extra").getClassLoader()).isSameAs(loader);
    }

    @Test
    void seesTheJdkIncludingNonJavaPackages() throws Exception {
        var loader = loader(TestJars.of(Hello.class));

        assertThat(loader.loadClass("java.util.List")).isSameAs(java.util.List.class);
        assertThat(loader.loadClass("org.w3c.dom.Node").getName()).isEqualTo("org.w3c.dom.Node");
        assertThat(loader.loadClass("java.sql.Connection").getName()).isEqualTo("java.sql.Connection");
    }

    @Test
    void hidesEveryOtherPlatformClass() {
        var loader = loader(TestJars.of(Hello.class));

        for (String hidden : new String[] {"io.micrometer.core.instrument.MeterRegistry",
            "dev.kumo.core.FunctionVersion", "dev.kumo.runtime.Dispatcher", "dev.kumo.runtime.internal.LogCapture",
            "org.junit.jupiter.api.Test", Greeter.class.getName()}) {
            assertThatThrownBy(() -> loader.loadClass(hidden)).as(hidden).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void servesJarEntriesAsResources() throws IOException {
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put("config/app.properties", "greeting=hi".getBytes(StandardCharsets.UTF_8));
        var loader = loader(TestJars.jar(entries, false));

        try (InputStream in = loader.getResourceAsStream("config/app.properties")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("greeting=hi");
        }
        try (InputStream in = loader.getResource("config/app.properties").openStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("greeting=hi");
        }
        assertThat(loader.getResource("missing.txt")).isNull();
        assertThat(loader.getResources("config/app.properties").hasMoreElements()).isTrue();
    }

    @Test
    void prefersTheNewestApplicableMultiReleaseEntry() throws IOException {
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put("META-INF/versions/11/data.txt", "eleven".getBytes(StandardCharsets.UTF_8));
        entries.put("data.txt", "base".getBytes(StandardCharsets.UTF_8));
        entries.put("META-INF/versions/17/data.txt", "seventeen".getBytes(StandardCharsets.UTF_8));
        entries.put("META-INF/versions/999/data.txt", "future".getBytes(StandardCharsets.UTF_8));
        var loader = loader(TestJars.jar(entries, true));

        try (InputStream in = loader.getResourceAsStream("data.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("seventeen");
        }
    }

    @Test
    void loadersOfTheSameCodeShareOneIndex() throws IOException {
        Path jar = Files.write(dir.resolve("code.jar"), TestJars.of(Hello.class));
        var cache = new CodeIndexCache();
        var ref = new dev.kumo.core.CodeRef("a".repeat(64), Files.size(jar));

        CodeIndex first = cache.get(ref, jar);
        Files.delete(jar);

        assertThat(cache.get(ref, jar)).isSameAs(first);
    }

    private FunctionClassLoader loader(byte[] jar) {
        try {
            Path file = Files.write(Files.createTempFile(dir, "fn", ".jar"), jar);
            return new FunctionClassLoader("test", CodeIndex.read(file), getClass().getClassLoader());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] emptyClass(String name) {
        return java.lang.classfile.ClassFile.of().build(java.lang.constant.ClassDesc.of(name),
                cls -> cls.withFlags(java.lang.classfile.ClassFile.ACC_PUBLIC));
    }
}
