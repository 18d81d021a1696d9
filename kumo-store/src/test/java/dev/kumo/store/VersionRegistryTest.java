package dev.kumo.store;

import static dev.kumo.store.TestData.T0;
import static dev.kumo.store.TestData.code;
import static dev.kumo.store.TestData.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.Alias;
import dev.kumo.core.ConflictException;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.InvalidRequestException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionRegistryTest {

    static final Instant T1 = T0.plus(Duration.ofHours(1));

    @TempDir
    Path dir;
    EmbeddedStore store;

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(dir, StoreOptions.defaults());
        store.functions().putLatest("hello", config(), code('a'), T0);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void publishSnapshotsLatest() {
        var v1 = store.versions().publish("hello", "", T1).orElseThrow();

        assertThat(v1).isEqualTo(new FunctionVersion("hello", "1", config(), code('a'), T1, 1));
        assertThat(store.functions().get("hello", "1")).contains(v1);
    }

    @Test
    void publishOfUnknownFunctionIsEmpty() {
        assertThat(store.versions().publish("nobody", "", T1)).isEmpty();
    }

    @Test
    void unchangedLatestReturnsTheNewestVersion() {
        var v1 = store.versions().publish("hello", "", T1).orElseThrow();
        store.functions().putLatest("hello", config(), code('a'), T1); // same content, new revision

        assertThat(store.versions().publish("hello", "", T1.plusSeconds(5))).contains(v1);
        assertThat(store.versions().publish("hello", "release notes", T1.plusSeconds(9))).contains(v1);
        assertThat(store.versions().list("hello", "", 10).items()).containsExactly(v1);
    }

    @Test
    void changedCodeOrConfigMakesTheNextNumber() {
        store.versions().publish("hello", "", T1);
        store.functions().putLatest("hello", config(), code('b'), T1);
        var v2 = store.versions().publish("hello", "", T1).orElseThrow();
        store.functions().putLatest("hello", config(1024), code('b'), T1);
        var v3 = store.versions().publish("hello", "", T1).orElseThrow();

        assertThat(v2.version()).isEqualTo("2");
        assertThat(v2.code()).isEqualTo(code('b'));
        assertThat(v3.version()).isEqualTo("3");
        assertThat(v3.config().memoryMb()).isEqualTo(1024);
    }

    @Test
    void descriptionBecomesTheVersionsDescription() {
        var v1 = store.versions().publish("hello", "first release", T1).orElseThrow();

        assertThat(v1.config().description()).isEqualTo("first release");
        assertThat(store.functions().get("hello", "$LATEST").orElseThrow().config().description())
                .isEqualTo("says hello");
    }

    @Test
    void numbersAreNeverReused() {
        store.versions().publish("hello", "", T1);
        store.functions().putLatest("hello", config(), code('b'), T1);
        store.versions().publish("hello", "", T1);

        assertThat(store.versions().delete("hello", "2")).isTrue();
        store.functions().putLatest("hello", config(), code('c'), T1);

        assertThat(store.versions().publish("hello", "", T1).orElseThrow().version()).isEqualTo("3");
        assertThat(store.versions().list("hello", "", 10).items()).extracting(FunctionVersion::version)
                .containsExactly("1", "3");
    }

    @Test
    void listsAscendingPageByPage() {
        for (char c : "abcde".toCharArray()) {
            store.functions().putLatest("hello", config(), code(c), T1);
            store.versions().publish("hello", "", T1);
        }

        var first = store.versions().list("hello", "", 2);
        var second = store.versions().list("hello", first.nextToken().orElseThrow(), 2);
        var third = store.versions().list("hello", second.nextToken().orElseThrow(), 2);

        assertThat(first.items()).extracting(FunctionVersion::version).containsExactly("1", "2");
        assertThat(second.items()).extracting(FunctionVersion::version).containsExactly("3", "4");
        assertThat(third.items()).extracting(FunctionVersion::version).containsExactly("5");
        assertThat(third.nextToken()).isEmpty();
        assertThat(store.versions().list("nobody", "", 2).items()).isEmpty();
        assertThatThrownBy(() -> store.versions().list("hello", "x", 2))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("nextToken"));
    }

    @Test
    void deletingLatestIsRejected() {
        assertThatThrownBy(() -> store.versions().delete("hello", "$LATEST"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("version"));
    }

    @Test
    void deletingUnknownVersionsIsFalse() {
        assertThat(store.versions().delete("hello", "1")).isFalse();
        assertThat(store.versions().delete("hello", "live")).isFalse();
        assertThat(store.versions().delete("nobody", "1")).isFalse();
    }

    @Test
    void deletingAVersionAnAliasRoutesToConflicts() {
        store.versions().publish("hello", "", T1);
        store.functions().putLatest("hello", config(), code('b'), T1);
        store.versions().publish("hello", "", T1);
        store.aliases().put(new Alias("hello", "live", "1", Map.of(), "", T1));
        store.aliases().put(new Alias("hello", "canary", "1", Map.of("2", 0.1), "", T1));

        assertThatThrownBy(() -> store.versions().delete("hello", "1"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("live").hasMessageContaining("canary");
        assertThatThrownBy(() -> store.versions().delete("hello", "2"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("canary");

        store.aliases().delete("hello", "canary");
        assertThat(store.versions().delete("hello", "2")).isTrue();
        assertThat(store.functions().get("hello", "1")).isPresent();
    }
}
