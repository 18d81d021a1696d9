package dev.kumo.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RouterTest {

    private final JsonCodec json = new JsonCodec();
    private final Router router = new Router(json)
            .add(HttpMethod.GET, "/v1/things/{id}", r -> Response.text(HttpResponseStatus.OK, "text/plain",
                    r.param("id") + ":" + r.query("q").orElse("-")))
            .add(HttpMethod.DELETE, "/v1/things/{id}", r -> Response.noContent())
            .add(HttpMethod.GET, "/v1/boom", r -> {
                throw new IllegalStateException("bug");
            })
            .add(HttpMethod.GET, "/v1/limit", r -> Response.text(HttpResponseStatus.OK, "text/plain",
                    Integer.toString(r.intQuery("limit", 50, 1, 1000))));

    private Response serve(HttpMethod method, String uri) {
        return router.serve(method, uri, new DefaultHttpHeaders(), new byte[0]);
    }

    private static String body(Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void matchesParametersAndDecodesQuery() {
        var r = serve(HttpMethod.GET, "/v1/things/a%24b?q=x%20y");
        assertThat(r.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(body(r)).isEqualTo("a$b:x y");
        assertThat(body(serve(HttpMethod.GET, "/v1/things/7/"))).isEqualTo("7:-");
    }

    @Test
    void wrongMethodIs405ListingAllowedMethods() {
        var r = serve(HttpMethod.POST, "/v1/things/1");
        assertThat(r.status()).isEqualTo(HttpResponseStatus.METHOD_NOT_ALLOWED);
        assertThat(r.headers()).containsEntry("Allow", "DELETE, GET");
        assertThat(body(r)).contains("\"code\":\"MethodNotAllowed\"");
    }

    @Test
    void unknownPathIsJson404() {
        var r = serve(HttpMethod.GET, "/v1/nothing/here");
        assertThat(r.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
        assertThat(r.contentType()).isEqualTo(Response.JSON);
        assertThat(body(r)).contains("\"code\":\"NotFound\"");
        assertThat(serve(HttpMethod.GET, "/v1/things/").status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
    }

    @Test
    void badQueryParameterIs400NamingIt() {
        var r = serve(HttpMethod.GET, "/v1/limit?limit=0");
        assertThat(r.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
        assertThat(body(r)).contains("\"field\":\"limit\"");
        assertThat(body(serve(HttpMethod.GET, "/v1/limit?limit=20"))).isEqualTo("20");
    }

    @Test
    void bugsBecome500WithoutLeakingDetails() {
        var r = serve(HttpMethod.GET, "/v1/boom");
        assertThat(r.status()).isEqualTo(HttpResponseStatus.INTERNAL_SERVER_ERROR);
        assertThat(body(r)).contains("InternalError").doesNotContain("bug");
    }
}
