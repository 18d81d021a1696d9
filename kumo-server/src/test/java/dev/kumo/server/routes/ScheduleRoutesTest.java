package dev.kumo.server.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.server.WithRunningServer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code /v1/schedules}: validated on put, shown with their next fire. */
class ScheduleRoutesTest extends WithRunningServer {

    @Test
    void aMalformedExpressionIs400NamingIt() {
        var reply = node.put("/v1/schedules/bad", "{\"function\":\"hello\",\"expression\":\"cron(99 * * * *)\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().at("/error/field").asString()).isEqualTo("expression");
        assertThat(node.get("/v1/schedules/bad").status()).isEqualTo(404);
    }

    @Test
    void missingFieldsAndUnknownFunctionsAreRefused() {
        var noExpression = node.put("/v1/schedules/s", "{\"function\":\"hello\"}");
        assertThat(noExpression.status()).isEqualTo(400);
        assertThat(noExpression.json().at("/error/field").asString()).isEqualTo("expression");
        assertThat(node.put("/v1/schedules/s", "{\"function\":\"nope\",\"expression\":\"rate(5 minutes)\"}")
                .status()).isEqualTo(404);
        assertThat(node.put("/v1/schedules/s", "{\"function\":\"hello\",\"expression\":\"rate(5 minutes)\","
                + "\"color\":\"red\"}").status()).isEqualTo(400);
    }

    @Test
    void aScheduleIsCreatedShownWithItsNextFireListedAndDeleted() {
        var created = node.put("/v1/schedules/tick", "{\"function\":\"echo\",\"expression\":\"rate(5 minutes)\","
                + "\"payload\":{\"tick\":true}}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var view = created.json();
        assertThat(view.get("name").asString()).isEqualTo("tick");
        assertThat(view.get("function").asString()).isEqualTo("echo");
        assertThat(view.get("qualifier").asString()).isEqualTo("$LATEST");
        assertThat(view.get("expression").asString()).isEqualTo("rate(5 minutes)");
        assertThat(view.get("payload").toString()).isEqualTo("{\"tick\":true}");
        assertThat(view.get("enabled").asBoolean()).isTrue();
        assertThat(Instant.parse(view.get("nextFire").asString())).isAfter(Instant.parse(view.get("created").asString()));
        assertThat(view.has("lastFire")).isFalse();

        var replaced = node.put("/v1/schedules/tick", "{\"function\":\"echo\",\"expression\":\"cron(0 3 * * *)\","
                + "\"enabled\":false}");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("created").asString()).isEqualTo(view.get("created").asString());
        assertThat(replaced.json().get("payload").isNull()).isTrue();
        assertThat(replaced.json().has("nextFire")).as("disabled").isFalse();

        assertThat(node.get("/v1/schedules/tick").json().get("expression").asString()).isEqualTo("cron(0 3 * * *)");
        assertThat(node.get("/v1/schedules").body()).contains("\"name\":\"tick\"");
        assertThat(node.delete("/v1/schedules/tick").status()).isEqualTo(204);
        assertThat(node.get("/v1/schedules/tick").status()).isEqualTo(404);
        assertThat(node.delete("/v1/schedules/tick").status()).isEqualTo(404);
    }
}
