package dev.kumo.store;

import static dev.kumo.store.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.event.HttpRoute;
import dev.kumo.core.event.Named;
import dev.kumo.core.event.Namespace;
import dev.kumo.core.event.Rule;
import dev.kumo.core.event.Schedule;
import dev.kumo.core.event.Trigger;
import dev.kumo.core.event.WhiskEntity;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamedRegistryTest {

    @TempDir
    Path dir;
    EmbeddedStore store;

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(dir, TestData.options());
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Schedule schedule(String name, boolean enabled) {
        return new Schedule(name, "report", "live", "cron(0 * * * *)", "{\"kind\":\"hourly\"}", enabled, T0);
    }

    @Test
    void putGetReplaceDelete() {
        var hourly = schedule("hourly", true);
        assertThat(store.schedules().put(hourly)).isEqualTo(hourly);
        assertThat(store.schedules().get("hourly")).contains(hourly);

        var paused = schedule("hourly", false);
        store.schedules().put(paused);
        assertThat(store.schedules().get("hourly")).contains(paused);
        assertThat(store.schedules().all()).containsExactly(paused);

        assertThat(store.schedules().delete("hourly")).isTrue();
        assertThat(store.schedules().delete("hourly")).isFalse();
        assertThat(store.schedules().get("hourly")).isEmpty();
    }

    @Test
    void everyKindSurvivesACrash() {
        var schedule = schedule("nightly", true);
        var trigger = new Trigger("uploads", "", T0);
        var rule = new Rule("thumbnails", "uploads", "resize", "$LATEST", true, T0);
        var route = new HttpRoute("GET", "/api/orders/{id}", "orders", "live", T0);
        var doomed = new Trigger("doomed", "gone soon", T0);
        store.schedules().put(schedule);
        store.triggers().put(trigger);
        store.triggers().put(doomed);
        store.rules().put(rule);
        store.routes().put(route);
        store.triggers().delete("doomed");
        store.crash();

        store = EmbeddedStore.open(dir, TestData.options());
        assertThat(store.schedules().all()).containsExactly(schedule);
        assertThat(store.triggers().all()).containsExactly(trigger);
        assertThat(store.rules().all()).containsExactly(rule);
        assertThat(store.routes().get("GET /api/orders/{id}")).contains(route);
    }

    @Test
    void namespacesAndWhiskEntitiesSurviveACrash() {
        var ns = new Namespace("team_a", "u-1", "ab".repeat(32), T0);
        var action = new WhiskEntity("action:team_a--hello", "nodejs:20", "main", false,
                "[{\"key\":\"greeting\",\"value\":\"hi\"}]", "[]", 3, true, 10, T0);
        store.namespaces().put(ns);
        store.whiskEntities().put(action);
        store.crash();

        store = EmbeddedStore.open(dir, TestData.options());
        assertThat(store.namespaces().get("team_a")).contains(ns);
        assertThat(store.whiskEntities().get("action:team_a--hello")).contains(action);
        assertThat(action.version()).isEqualTo("0.0.3");
    }

    @Test
    void namespaceNamesAndKeysAreValidated() {
        assertThatThrownBy(() -> new Namespace("a-b", "u", "ab".repeat(32), T0))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> new Namespace("ab", "u:x", "ab".repeat(32), T0))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("uuid"));
        assertThatThrownBy(() -> new Namespace("ab", "u", "not-hex", T0))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("keySha256"));
    }

    @Test
    void listsInNameOrderPageByPage() {
        for (var name : new String[] {"gamma", "alpha", "delta", "beta"}) {
            store.triggers().put(new Trigger(name, name, T0));
        }

        var first = store.triggers().list("", 3);
        var second = store.triggers().list(first.nextToken().orElseThrow(), 3);

        assertThat(first.items()).extracting(Named::name).containsExactly("alpha", "beta", "delta");
        assertThat(second.items()).extracting(Named::name).containsExactly("gamma");
        assertThat(second.nextToken()).isEmpty();
        assertThat(store.triggers().list("", 4).nextToken()).isEmpty();
        assertThatThrownBy(() -> store.triggers().list("", 0))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    }
}
