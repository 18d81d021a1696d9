package dev.kumo.server.urls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutePatternTest {

    @Test
    void matchesLiteralsParametersAndTheRest() {
        var orders = RoutePattern.parse("/api/orders/{id}");
        assertThat(orders.match(List.of("api", "orders", "42"))).contains(Map.of("id", "42"));
        assertThat(orders.match(List.of("api", "orders"))).isEmpty();
        assertThat(orders.match(List.of("api", "orders", "42", "x"))).isEmpty();
        assertThat(orders.match(List.of("api", "order", "42"))).isEmpty();

        var rest = RoutePattern.parse("/static/*");
        assertThat(rest.match(List.of("static", "css", "a.css"))).contains(Map.of("proxy", "css/a.css"));
        assertThat(rest.match(List.of("static"))).contains(Map.of("proxy", ""));
        assertThat(rest.match(List.of("other"))).isEmpty();

        assertThat(RoutePattern.parse("/").match(List.of())).contains(Map.of());
        assertThat(RoutePattern.parse("/*").match(List.of("a", "b"))).contains(Map.of("proxy", "a/b"));
    }

    @Test
    void invalidPatternsAre400NamingPath() {
        for (String bad : List.of("", "api", "/a//b", "/a/", "/a/*/b", "/{id}/{id}", "/{1x}", "/a b", "/{x", "/*/*")) {
            assertThatThrownBy(() -> RoutePattern.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("path"));
        }
    }

    @Test
    void literalsBeatParametersWhichBeatTheRest() {
        var patterns = new ArrayList<>(List.of(RoutePattern.parse("/*"), RoutePattern.parse("/a/*"),
                RoutePattern.parse("/a/{x}"), RoutePattern.parse("/a/b"), RoutePattern.parse("/{y}/b"),
                RoutePattern.parse("/a")));
        patterns.sort(RoutePattern.SPECIFIC_FIRST);

        assertThat(patterns.stream().map(RoutePattern::text))
                .containsExactly("/a/b", "/a/{x}", "/a", "/a/*", "/{y}/b", "/*");
    }

    @Test
    void theShapeIgnoresParameterNames() {
        assertThat(RoutePattern.parse("/a/{x}/*").shape()).isEqualTo(RoutePattern.parse("/a/{y}/*").shape());
        assertThat(RoutePattern.parse("/a/{x}").shape()).isNotEqualTo(RoutePattern.parse("/a/b").shape());
    }
}
