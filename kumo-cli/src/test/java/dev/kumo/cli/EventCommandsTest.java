package dev.kumo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.client.Fixtures;
import dev.kumo.client.StubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventCommandsTest {

    private final StubServer server = StubServer.start();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void schedulePutSendsTheSpecAndReportsTheNextFire() {
        server.reply(201, Fixtures.schedule("tick"));

        Cli cli = Cli.against(server, "schedule", "put", "tick", "--function", "hello", "--expression",
                "rate(5 minutes)", "--payload", "{\"name\":\"Ada\"}", "--qualifier", "live", "--disabled");

        assertThat(cli.exit()).isZero();
        assertThat(server.only().path()).isEqualTo("/v1/schedules/tick");
        assertThat(server.only().bodyText()).isEqualTo("{\"function\":\"hello\",\"qualifier\":\"live\",\"expression\":"
                + "\"rate(5 minutes)\",\"payload\":{\"name\":\"Ada\"},\"enabled\":false}");
        assertThat(cli.out()).isEqualTo("Schedule 'tick': hello on rate(5 minutes), next fire 2025-03-01T10:05:00Z\n");
    }

    @Test
    void aMalformedPayloadOrExpressionIsRefused() {
        Cli local = Cli.against(server, "schedule", "put", "tick", "--function", "hello", "--expression", "x",
                "--payload", "{oops");
        assertThat(local.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(local.err()).contains("--payload value is not valid JSON");
        assertThat(server.requests()).isEmpty();

        server.reply(400, "{\"error\":{\"code\":\"InvalidRequest\",\"message\":\"cron(99) has 1 field, expected 5\","
                + "\"field\":\"expression\"}}");
        Cli remote = Cli.against(server, "schedule", "put", "tick", "--function", "hello", "--expression", "cron(99)");
        assertThat(remote.exit()).isEqualTo(ExitCode.INVALID.code());
        assertThat(remote.err()).isEqualTo("kumo: cron(99) has 1 field, expected 5 (field 'expression')\n");
    }

    @Test
    void scheduleListGetAndDelete() {
        server.reply(200, Fixtures.page("", Fixtures.schedule("tick")));
        assertThat(Cli.against(server, "schedule", "list").out()).isEqualTo("""
                NAME  FUNCTION  EXPRESSION       ENABLED  NEXT FIRE             LAST FIRE
                tick  hello     rate(5 minutes)  yes      2025-03-01T10:05:00Z  -
                """);

        server.reply(200, Fixtures.schedule("tick"));
        assertThat(Cli.against(server, "schedule", "get", "tick").out()).contains("payload     {\"name\":\"Ada\"}\n",
                "next fire   2025-03-01T10:05:00Z\n", "last fire   -\n");

        server.reply(204, "");
        assertThat(Cli.against(server, "schedule", "delete", "tick").out()).isEqualTo("Deleted schedule 'tick'\n");
    }

    @Test
    void triggersRulesAndFire() {
        server.reply(201, Fixtures.trigger("orders"));
        assertThat(Cli.against(server, "trigger", "put", "orders", "--description", "new orders").out())
                .isEqualTo("Trigger 'orders'\n");

        server.reply(200, Fixtures.rule("r1"));
        Cli rule = Cli.against(server, "rule", "put", "r1", "--trigger", "orders", "--function", "hello", "--disabled");
        assertThat(rule.out()).isEqualTo("Rule 'r1': orders -> hello (disabled)\n");
        assertThat(server.requests().getLast().bodyText())
                .isEqualTo("{\"trigger\":\"orders\",\"function\":\"hello\",\"enabled\":false}");

        server.reply(202, Fixtures.published());
        Cli fire = Cli.against(server, "trigger", "fire", "orders", "--payload", "{\"id\":1}");
        assertThat(server.requests().getLast().path()).isEqualTo("/v1/topics/orders/events");
        assertThat(server.requests().getLast().bodyText()).isEqualTo("{\"id\":1}");
        assertThat(fire.out()).isEqualTo("""
                RULE  FUNCTION  ACTIVATION
                r1    hello     a1
                r2    echo      a2
                """);
        assertThat(fire.err()).isEqualTo("2 deliveries queued for topic 'orders'\n");

        server.reply(200, Fixtures.page("", Fixtures.rule("r1")));
        assertThat(Cli.against(server, "rule", "list").out()).isEqualTo("""
                NAME  TRIGGER  FUNCTION  QUALIFIER  ENABLED
                r1    orders   hello     $LATEST    no
                """);

        server.reply(409, Fixtures.error("Conflict", "rules r1 use trigger 'orders'"));
        Cli inUse = Cli.against(server, "trigger", "delete", "orders");
        assertThat(inUse.exit()).isEqualTo(ExitCode.INVALID.code());
        assertThat(inUse.err()).isEqualTo("kumo: rules r1 use trigger 'orders'\n");

        server.reply(404, Fixtures.error("NotFound", "trigger 'nowhere' not found"));
        assertThat(Cli.against(server, "trigger", "fire", "nowhere").exit()).isEqualTo(ExitCode.NOT_FOUND.code());
    }

    @Test
    void routesArePutListedAndDeleted() {
        server.reply(201, Fixtures.route("GET", "/api/orders/{id}"));
        Cli put = Cli.against(server, "route", "put", "--method", "GET", "--path", "/api/orders/{id}", "--function",
                "hello", "-q", "live");
        assertThat(put.out()).isEqualTo("Route GET /api/orders/{id} -> hello (live)\n");
        assertThat(server.requests().getLast().bodyText()).isEqualTo(
                "{\"method\":\"GET\",\"path\":\"/api/orders/{id}\",\"function\":\"hello\",\"qualifier\":\"live\"}");

        server.reply(200, Fixtures.page("", Fixtures.route("GET", "/api/orders/{id}")));
        assertThat(Cli.against(server, "route", "list").out()).isEqualTo("""
                METHOD  PATH              FUNCTION  QUALIFIER  CREATED
                GET     /api/orders/{id}  hello     live       2025-03-01T11:00:00Z
                """);

        server.reply(204, "");
        Cli delete = Cli.against(server, "route", "delete", "--method", "GET", "--path", "/api/orders/{id}");
        assertThat(delete.out()).isEqualTo("Deleted route GET /api/orders/{id}\n");
        assertThat(server.requests().getLast().query()).isEqualTo("method=GET&path=%2Fapi%2Forders%2F%7Bid%7D");

        Cli missing = Cli.against(server, "route", "delete", "--method", "GET");
        assertThat(missing.exit()).isEqualTo(ExitCode.USAGE.code());
    }
}
