package dev.kumo.server.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.server.WithRunningServer;
import org.junit.jupiter.api.Test;

/**
 * The examples in the handler styles of other platforms, deployed from the examples jar as {@code ./kumo up}
 * does: a Lambda POJO handler ({@code Class::method}) and an OpenWhisk Java action ({@code static JsonObject
 * main(JsonObject)}), invoked over HTTP.
 */
class HandlerStylesRoutesTest extends WithRunningServer {

    @Test
    void theLambdaPojoExampleRunsItsNamedMethod() {
        var reply = node.post("/v1/functions/pojo-hello/invoke", "{\"name\":\"Ada\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("greeting").asString()).isEqualTo("Hello, Ada!");
        assertThat(reply.json().get("function").asString()).isEqualTo("pojo-hello");
        assertThat(node.get("/v1/functions/pojo-hello").body())
                .contains("dev.kumo.examples.PojoGreeter::handleRequest");
    }

    @Test
    void theOpenWhiskExampleRunsItsStaticMainOnGsonObjects() {
        var reply = node.post("/v1/functions/ow-hello/invoke", "{\"name\":\"Ada\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"greeting\":\"Hello Ada!\"}");
        assertThat(node.post("/v1/functions/ow-hello/invoke", "").json().get("greeting").asString())
                .isEqualTo("Hello stranger!");
        var notAnObject = node.post("/v1/functions/ow-hello/invoke", "[1,2]");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.body()).contains("JsonObject");
    }

    @Test
    void aHandlerMethodThatCannotServeIsRefusedAtDeployNamingIt() {
        var reply = node.put("/v1/functions/pojo-hello", "{\"handler\":\"dev.kumo.examples.PojoGreeter::nope\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().at("/error/field").asString()).isEqualTo("handler");
        assertThat(reply.json().at("/error/message").asString()).contains("dev.kumo.examples.PojoGreeter::nope")
                .contains("no public method named 'nope'");
        assertThat(node.post("/v1/functions/pojo-hello/invoke", "{}").status()).isEqualTo(200);
    }
}
