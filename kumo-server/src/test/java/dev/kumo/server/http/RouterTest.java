package dev.kumo.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.ConflictException;
import dev.kumo.core.LimitExceededException;
import dev.kumo.core.NotFoundException;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
                    Integer.toString(r.intQuery("limit", 50, 1, 1000))))
            .add(HttpMethod.GET, "/v1/missing", r -> {
                throw new NotFoundException("trigger 't' not found");
            })
            .add(HttpMethod.GET, "/v1/full", r -> {
                throw new LimitExceededException("queue of 'f' is full", Duration.ofMillis(1500));
            })
            .add(HttpMethod.GET, "/v1/conflict", r -> {
                throw new ConflictException("rules use trigger 't'");
            })
            .prefix("/fn", r -> Response.text(HttpResponseStatus.OK, "text/plain",
                    r.method().name() + " " + r.path() + " " + r.uri()));

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
    void thePrefixTakesEveryMethodAndPathBelowIt() {
        assertThat(body(serve(HttpMethod.PATCH, "/fn/a/b%20c?x=1"))).isEqualTo("PATCH /fn/a/b c /fn/a/b%20c?x=1");
        assertThat(body(serve(HttpMethod.GET, "/fn"))).isEqualTo("GET /fn /fn");
        assertThat(serve(HttpMethod.GET, "/fnord").status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
    }

    @Test
    void aPrefixMayNotShadowRoutes() {
        assertThatThrownBy(() -> new Router(json).add(HttpMethod.GET, "/v1/x", r -> Response.noContent())
                .prefix("/v1", r -> Response.noContent())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Router(json).prefix("/fn", r -> Response.noContent())
                .add(HttpMethod.GET, "/fn/x", r -> Response.noContent())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void coreExceptionsBecomeTheirStatuses() {
        var missing = serve(HttpMethod.GET, "/v1/missing");
        assertThat(missing.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
        assertThat(body(missing)).contains("\"code\":\"NotFound\"", "trigger 't' not found");

        var full = serve(HttpMethod.GET, "/v1/full");
        assertThat(full.status()).isEqualTo(HttpResponseStatus.TOO_MANY_REQUESTS);
        assertThat(full.headers()).containsEntry("Retry-After", "2");
        assertThat(body(full)).contains("\"code\":\"TooManyRequests\"");

        var conflict = serve(HttpMethod.GET, "/v1/conflict");
        assertThat(conflict.status()).isEqualTo(HttpResponseStatus.CONFLICT);
        assertThat(body(conflict)).contains("\"code\":\"Conflict\"");
    }

    @Test
    void bugsBecome500WithoutLeakingDetails() {
        var r = serve(HttpMethod.GET, "/v1/boom");
        assertThat(r.status()).isEqualTo(HttpResponseStatus.INTERNAL_SERVER_ERROR);
        assertThat(body(r)).contains("InternalError").doesNotContain("bug");
    }
}
