package dev.kumo.store;

import static dev.kumo.store.TestData.T0;
import static dev.kumo.store.TestData.code;
import static dev.kumo.store.TestData.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.Alias;
import dev.kumo.core.InvalidRequestException;
import java.nio.file.Path;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AliasRegistryTest {

    @TempDir
    Path dir;
    EmbeddedStore store;

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(dir, StoreOptions.defaults());
        store.functions().putLatest("hello", config(), code('a'), T0);
        store.versions().publish("hello", "", T0);
        store.functions().putLatest("hello", config(), code('b'), T0);
        store.versions().publish("hello", "", T0);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void putGetReplaceDelete() {
        var live = new Alias("hello", "live", "1", Map.of("2", 0.25), "canary", T0);
        assertThat(store.aliases().put(live)).isEqualTo(live);
        assertThat(store.aliases().get("hello", "live")).contains(live);

        var moved = new Alias("hello", "live", "2", Map.of(), "", T0.plusSeconds(60));
        store.aliases().put(moved);
        assertThat(store.aliases().get("hello", "live")).contains(moved);

        assertThat(store.aliases().delete("hello", "live")).isTrue();
        assertThat(store.aliases().get("hello", "live")).isEmpty();
        assertThat(store.aliases().delete("hello", "live")).isFalse();
        assertThat(store.aliases().delete("nobody", "live")).isFalse();
        assertThat(store.aliases().get("nobody", "live")).isEmpty();
    }

    @Test
    void mayPointAtLatest() {
        var dev = new Alias("hello", "dev", "$LATEST", Map.of(), "", T0);

        assertThat(store.aliases().put(dev)).isEqualTo(dev);
    }

    @Test
    void unknownFunctionIsNotFound() {
        assertThatThrownBy(() -> store.aliases().put(new Alias("nobody", "live", "1", Map.of(), "", T0)))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("nobody");
    }

    @Test
    void unpublishedVersionsAreNamedByField() {
        assertThatThrownBy(() -> store.aliases().put(new Alias("hello", "live", "3", Map.of(), "", T0)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("version"));
        assertThatThrownBy(() -> store.aliases().put(new Alias("hello", "live", "1", Map.of("7", 0.5), "", T0)))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("additionalVersionWeights"));
        assertThat(store.aliases().get("hello", "live")).isEmpty();
    }

    @Test
    void listsInNameOrderPageByPage() {
        for (var name : new String[] {"gamma", "alpha", "beta"}) {
            store.aliases().put(new Alias("hello", name, "1", Map.of(), "", T0));
        }

        var first = store.aliases().list("hello", "", 2);
        var second = store.aliases().list("hello", first.nextToken().orElseThrow(), 2);

        assertThat(first.items()).extracting(Alias::name).containsExactly("alpha", "beta");
        assertThat(second.items()).extracting(Alias::name).containsExactly("gamma");
        assertThat(second.nextToken()).isEmpty();
        assertThat(store.aliases().list("nobody", "", 2).items()).isEmpty();
    }
}
