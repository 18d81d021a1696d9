package dev.kumo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KumoClientVersionsAndAliasesTest extends WithStubServer {

    @Test
    void publishPostsTheDescription() {
        server.reply(201, Fixtures.function("hello", "2"));

        FunctionInfo version = client.publish("hello", "second");

        assertThat(server.only().method()).isEqualTo("POST");
        assertThat(server.only().path()).isEqualTo("/v1/functions/hello/versions");
        assertThat(server.only().bodyText()).isEqualTo("{\"description\":\"second\"}");
        assertThat(version.version()).isEqualTo("2");
    }

    @Test
    void publishWithoutDescriptionSendsAnEmptyObject() {
        server.reply(200, Fixtures.function("hello", "1"));

        client.publish("hello");

        assertThat(server.only().bodyText()).isEqualTo("{}");
        assertThat(server.only().header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void versionsAreListedFetchedAndDeleted() {
        server.reply(200, Fixtures.page("", Fixtures.function("hello", "1"), Fixtures.function("hello", "2")))
                .reply(200, Fixtures.function("hello", "2"))
                .reply(204, "");

        assertThat(client.listAllVersions("hello")).extracting(FunctionInfo::version).containsExactly("1", "2");
        assertThat(client.getVersion("hello", "2").version()).isEqualTo("2");
        client.deleteVersion("hello", "2");

        assertThat(server.requests()).extracting(r -> r.method() + " " + r.path() + "?" + r.query()).containsExactly(
                "GET /v1/functions/hello/versions?limit=1000",
                "GET /v1/functions/hello/versions/2?",
                "DELETE /v1/functions/hello/versions/2?");
    }

    @Test
    void deletingAVersionAnAliasRoutesToIsAConflict() {
        server.reply(409, Fixtures.error("Conflict", "alias 'live' routes to version 1"));

        assertThatThrownBy(() -> client.deleteVersion("hello", "1"))
                .isInstanceOfSatisfying(KumoApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("Conflict");
                    assertThat(e.detail()).isEqualTo("alias 'live' routes to version 1");
                });
    }

    @Test
    void putAliasSendsVersionWeightsAndDescription() {
        server.reply(200, Fixtures.alias("hello", "live"));

        AliasInfo alias = client.putAlias("hello", "live", "1", Map.of("2", 0.25), "canary");

        StubServer.Recorded request = server.only();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/v1/functions/hello/aliases/live");
        assertThat(request.bodyText()).isEqualTo(
                "{\"version\":\"1\",\"additionalVersionWeights\":{\"2\":0.25},\"description\":\"canary\"}");
        assertThat(alias).isEqualTo(new AliasInfo("hello", "live", "1", Map.of("2", 0.25), "canary",
                Instant.parse("2025-03-02T08:00:00Z")));
    }

    @Test
    void putAliasWithoutWeightsSendsAnEmptyMap() {
        server.reply(200, Fixtures.alias("hello", "live"));

        client.putAlias("hello", "live", "3");

        assertThat(server.only().bodyText())
                .isEqualTo("{\"version\":\"3\",\"additionalVersionWeights\":{},\"description\":\"\"}");
    }

    @Test
    void aliasesAreListedFetchedAndDeleted() {
        server.reply(200, Fixtures.page("p2", Fixtures.alias("hello", "live")))
                .reply(200, Fixtures.alias("hello", "live"))
                .reply(204, "");

        Page<AliasInfo> page = client.listAliases("hello", 5);
        AliasInfo alias = client.getAlias("hello", "live");
        client.deleteAlias("hello", "live");

        assertThat(page.items()).extracting(AliasInfo::name).containsExactly("live");
        assertThat(page.hasNext()).isTrue();
        assertThat(alias.additionalVersionWeights()).containsEntry("2", 0.25);
        assertThat(server.requests()).extracting(r -> r.method() + " " + r.path() + "?" + r.query()).containsExactly(
                "GET /v1/functions/hello/aliases?limit=5",
                "GET /v1/functions/hello/aliases/live?",
                "DELETE /v1/functions/hello/aliases/live?");
    }
}
