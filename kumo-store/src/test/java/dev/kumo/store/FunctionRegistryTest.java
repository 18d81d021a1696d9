package dev.kumo.store;

import static dev.kumo.store.TestData.T0;
import static dev.kumo.store.TestData.code;
import static dev.kumo.store.TestData.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.Alias;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.InvalidRequestException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionRegistryTest {

    @TempDir
    Path dir;
    EmbeddedStore store;

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(dir, StoreOptions.defaults());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void putLatestCreatesRevisionOneAndUpdatesInPlace() {
        var created = store.functions().putLatest("hello", config(), code('a'), T0);
        assertThat(created).isEqualTo(new FunctionVersion("hello", "$LATEST", config(), code('a'), T0, 1));

        var later = T0.plus(Duration.ofMinutes(1));
        var updated = store.functions().putLatest("hello", config(512), code('b'), later);

        assertThat(updated.revision()).isEqualTo(2);
        assertThat(updated.modified()).isEqualTo(later);
        assertThat(store.functions().get("hello", "$LATEST")).contains(updated);
        assertThat(store.functions().get("hello", "1")).isEmpty();
        assertThat(store.functions().get("other", "$LATEST")).isEmpty();
    }

    @Test
    void rejectsInvalidNames() {
        assertThatThrownBy(() -> store.functions().putLatest("bad name", config(), code('a'), T0))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("name"));
    }

    @Test
    void listsInNameOrderPageByPage() {
        for (var name : List.of("delta", "alpha", "echo", "charlie", "bravo")) {
            store.functions().putLatest(name, config(), code('a'), T0);
        }

        var first = store.functions().list("", 2);
        var second = store.functions().list(first.nextToken().orElseThrow(), 2);
        var third = store.functions().list(second.nextToken().orElseThrow(), 2);

        assertThat(first.items()).extracting(FunctionVersion::function).containsExactly("alpha", "bravo");
        assertThat(second.items()).extracting(FunctionVersion::function).containsExactly("charlie", "delta");
        assertThat(third.items()).extracting(FunctionVersion::function).containsExactly("echo");
        assertThat(third.nextToken()).isEmpty();
        assertThat(store.functions().list("", 5).nextToken()).as("exactly full last page").isEmpty();
        assertThat(store.functions().list("", 100).items()).hasSize(5);
    }

    @Test
    void emptyRegistryListsNothing() {
        var page = store.functions().list("", 10);

        assertThat(page.items()).isEmpty();
        assertThat(page.nextToken()).isEmpty();
    }

    @Test
    void rejectsNonPositiveLimit() {
        assertThatThrownBy(() -> store.functions().list("", 0))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    }

    @Test
    void deleteRemovesVersionsAndAliases() {
        store.functions().putLatest("hello", config(), code('a'), T0);
        store.versions().publish("hello", "", T0);
        store.aliases().put(new Alias("hello", "live", "1", Map.of(), "", T0));

        assertThat(store.functions().delete("hello")).isTrue();

        assertThat(store.functions().get("hello", "$LATEST")).isEmpty();
        assertThat(store.functions().get("hello", "1")).isEmpty();
        assertThat(store.versions().list("hello", "", 10).items()).isEmpty();
        assertThat(store.aliases().get("hello", "live")).isEmpty();
        assertThat(store.functions().list("", 10).items()).isEmpty();
        assertThat(store.functions().delete("hello")).isFalse();
    }

    @Test
    void recreatedFunctionStartsOver() {
        store.functions().putLatest("hello", config(), code('a'), T0);
        store.functions().putLatest("hello", config(), code('b'), T0);
        store.functions().delete("hello");

        assertThat(store.functions().putLatest("hello", config(), code('a'), T0).revision()).isEqualTo(1);
    }
}
