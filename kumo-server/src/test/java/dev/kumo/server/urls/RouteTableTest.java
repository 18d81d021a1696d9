package dev.kumo.server.urls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.core.event.HttpRoute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final List<HttpRoute> routes = new ArrayList<>();
    private final RouteTable table = RouteTable.of(() -> List.copyOf(routes));

    private void add(String method, String path, String function) {
        routes.add(new HttpRoute(method, path, function, "$LATEST", Instant.EPOCH));
        table.refresh();
    }

    private String match(String method, String... path) {
        return switch (table.match(method, List.of(path))) {
            case RouteTable.Match.Found f -> f.route().function() + f.params();
            case RouteTable.Match.WrongMethod w -> "405 " + w.allowed();
            case RouteTable.Match.None n -> "404";
        };
    }

    @Test
    void theMostSpecificRouteForTheMethodWins() {
        add("ANY", "/api/*", "fallback");
        add("GET", "/api/orders/{id}", "get-order");
        add("ANY", "/api/orders/{id}", "any-order");
        add("GET", "/api/orders/special", "special");

        assertThat(match("GET", "api", "orders", "special")).isEqualTo("special{}");
        assertThat(match("GET", "api", "orders", "7")).isEqualTo("get-order{id=7}");
        assertThat(match("POST", "api", "orders", "7")).isEqualTo("any-order{id=7}");
        assertThat(match("POST", "api", "orders", "special")).isEqualTo("any-order{id=special}");
        assertThat(match("GET", "api", "x", "y")).isEqualTo("fallback" + Map.of("proxy", "x/y"));
        assertThat(match("GET", "other")).isEqualTo("404");
    }

    @Test
    void aPathKnownOnlyForOtherMethodsIs405ListingThem() {
        add("PUT", "/items/{id}", "put");
        add("DELETE", "/items/{id}", "delete");

        assertThat(match("GET", "items", "1")).isEqualTo("405 [DELETE, PUT]");
    }

    @Test
    void changesShowAfterARefresh() {
        add("GET", "/a", "first");
        routes.clear();
        assertThat(match("GET", "a")).isEqualTo("first{}");
        table.refresh();
        assertThat(match("GET", "a")).isEqualTo("404");
    }
}
