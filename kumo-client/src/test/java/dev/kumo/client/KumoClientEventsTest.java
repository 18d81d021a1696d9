package dev.kumo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KumoClientEventsTest extends WithStubServer {

    @Test
    void schedulesArePutWithTheirPayloadAndReadWithTheirNextFire() {
        server.reply(201, Fixtures.schedule("tick")).reply(200, Fixtures.page("", Fixtures.schedule("tick")))
                .reply(204, "");

        ScheduleInfo s = client.schedules().put("tick", ScheduleSpec.of("hello", "rate(5 minutes)")
                .withPayload("{\"name\":\"Ada\"}").withQualifier("live").disabled());
        var all = client.schedules().listAll();
        client.schedules().delete("tick");

        var put = server.requests().get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).isEqualTo("/v1/schedules/tick");
        assertThat(put.bodyText()).isEqualTo("{\"function\":\"hello\",\"qualifier\":\"live\",\"expression\":"
                + "\"rate(5 minutes)\",\"payload\":{\"name\":\"Ada\"},\"enabled\":false}");
        assertThat(server.requests().get(1).query()).isEqualTo("limit=1000");
        assertThat(server.requests().get(2).method()).isEqualTo("DELETE");
        assertThat(s.payload()).isEqualTo("{\"name\":\"Ada\"}");
        assertThat(s.nextFire()).contains(Instant.parse("2025-03-01T10:05:00Z"));
        assertThat(s.lastFire()).isEmpty();
        assertThat(all).containsExactly(s);
        assertThat(s.toJson()).contains("\"nextFire\" : \"2025-03-01T10:05:00Z\"").doesNotContain("lastFire");
    }

    @Test
    void anInvalidPayloadIsRefusedBeforeSending() {
        assertThatThrownBy(() -> client.schedules().put("tick", ScheduleSpec.of("hello", "rate(1 minute)")
                .withPayload("{oops"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void triggersRulesAndPublishing() {
        server.reply(201, Fixtures.trigger("orders")).reply(200, Fixtures.rule("r1"))
                .reply(202, Fixtures.published()).reply(409, Fixtures.error("Conflict", "rules use trigger 'orders'"));

        TriggerInfo t = client.triggers().put("orders", "new orders");
        RuleInfo r = client.rules().put("r1", RuleSpec.of("orders", "hello").disabled());
        PublishResult p = client.triggers().publish("orders", "{\"id\":1}".getBytes(StandardCharsets.UTF_8));

        var requests = server.requests();
        assertThat(requests.get(0).path()).isEqualTo("/v1/triggers/orders");
        assertThat(requests.get(0).bodyText()).isEqualTo("{\"description\":\"new orders\"}");
        assertThat(requests.get(1).path()).isEqualTo("/v1/rules/r1");
        assertThat(requests.get(1).bodyText())
                .isEqualTo("{\"trigger\":\"orders\",\"function\":\"hello\",\"enabled\":false}");
        assertThat(requests.get(2).method()).isEqualTo("POST");
        assertThat(requests.get(2).path()).isEqualTo("/v1/topics/orders/events");
        assertThat(requests.get(2).bodyText()).isEqualTo("{\"id\":1}");
        assertThat(t).isEqualTo(new TriggerInfo("orders", "new orders", Instant.parse("2025-03-01T09:00:00Z")));
        assertThat(r.enabled()).isFalse();
        assertThat(p.deliveries()).containsExactly(new PublishResult.Delivery("r1", "hello", "a1"),
                new PublishResult.Delivery("r2", "echo", "a2"));
        assertThatThrownBy(() -> client.triggers().delete("orders"))
                .isInstanceOfSatisfying(KumoApiException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void routesArePutListedAndDeletedByMethodAndPath() {
        server.reply(201, Fixtures.route("GET", "/api/orders/{id}"))
                .reply(200, Fixtures.page("", Fixtures.route("GET", "/api/orders/{id}")))
                .reply(204, "");

        RouteInfo route = client.routes().put("GET", "/api/orders/{id}", "hello", "live");
        var page = client.routes().list(10);
        client.routes().delete("GET", "/api/orders/{id}");

        var requests = server.requests();
        assertThat(requests.get(0).path()).isEqualTo("/v1/routes");
        assertThat(requests.get(0).bodyText()).isEqualTo(
                "{\"method\":\"GET\",\"path\":\"/api/orders/{id}\",\"function\":\"hello\",\"qualifier\":\"live\"}");
        assertThat(requests.get(2).method()).isEqualTo("DELETE");
        assertThat(requests.get(2).query()).isEqualTo("method=GET&path=%2Fapi%2Forders%2F%7Bid%7D");
        assertThat(route.qualifier()).isEqualTo("live");
        assertThat(page.items()).containsExactly(route);
        assertThat(route.toJson()).contains("\"path\" : \"/api/orders/{id}\"");
        assertThat(Optional.of(route.created())).contains(Instant.parse("2025-03-01T11:00:00Z"));
    }
}
