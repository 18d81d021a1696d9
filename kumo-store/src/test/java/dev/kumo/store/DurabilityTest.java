package dev.kumo.store;

import static dev.kumo.store.TestData.T0;
import static dev.kumo.store.TestData.activation;
import static dev.kumo.store.TestData.code;
import static dev.kumo.store.TestData.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.Activation;
import dev.kumo.core.Alias;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurabilityTest {

    @TempDir
    Path dir;

    @Test
    void registryWritesSurviveACrash() {
        var store = EmbeddedStore.open(dir, TestData.options());
        store.functions().putLatest("hello", config(), code('a'), T0);
        var v1 = store.versions().publish("hello", "one", T0).orElseThrow();
        var latest = store.functions().putLatest("hello", config(512), code('b'), T0.plusSeconds(1));
        var live = store.aliases().put(new Alias("hello", "live", "1", Map.of(), "", T0));
        store.functions().putLatest("doomed", config(), code('c'), T0);
        store.functions().delete("doomed");
        store.crash();

        try (var reopened = EmbeddedStore.open(dir, TestData.options())) {
            assertThat(reopened.functions().get("hello", "$LATEST")).contains(latest);
            assertThat(reopened.functions().get("hello", "1")).contains(v1);
            assertThat(reopened.aliases().get("hello", "live")).contains(live);
            assertThat(reopened.functions().get("doomed", "$LATEST")).isEmpty();
            assertThat(reopened.functions().putLatest("hello", config(), code('a'), T0).revision()).isEqualTo(3);
        }
    }

    @Test
    void flushedActivationsSurviveACrash() {
        var store = EmbeddedStore.open(dir, TestData.options());
        var a = activation("hello", T0);
        store.activations().record(a);
        store.flushActivations();
        store.crash();

        try (var reopened = EmbeddedStore.open(dir, TestData.options())) {
            assertThat(reopened.activations().get(a.id())).contains(a);
            assertThat(reopened.activations().list("hello", "", 10).items()).containsExactly(a);
        }
    }

    @Test
    void closeWritesPendingActivations() {
        var store = EmbeddedStore.open(dir, TestData.options());
        var a = activation("hello", T0);
        store.activations().record(a);
        store.close();

        try (var reopened = EmbeddedStore.open(dir, TestData.options())) {
            assertThat(reopened.activations().list("", "", 10).items()).containsExactly(a);
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefused() {
        try (var store = EmbeddedStore.open(dir, TestData.options())) {
            assertThatThrownBy(() -> EmbeddedStore.open(dir, TestData.options()))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("data directory " + store.dataDirectory() + " is in use by another Kumo process");
            store.functions().putLatest("still-works", config(), code('a'), T0);
        }
    }

    @Test
    void survivesKillOfAnotherProcessThatHeldTheDirectory() throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingProcess.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .start();
        try {
            var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo(CrashingProcess.READY);

            assertThatThrownBy(() -> EmbeddedStore.open(dir, TestData.options()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("is in use by another Kumo process");
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (var reopened = EmbeddedStore.open(dir, TestData.options())) {
            assertThat(reopened.functions().get("hello", "1")).isPresent();
            assertThat(reopened.aliases().get("hello", "live")).isPresent();
            assertThat(reopened.functions().get("hello", "$LATEST").orElseThrow().revision()).isEqualTo(2);
            assertThat(reopened.activations().list("hello", "", 10).items()).extracting(Activation::function)
                    .containsExactly("hello");
        }
    }
}
