package dev.kumo.server.urls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.server.RunningServer;
import dev.kumo.server.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prefix function URLs are served under is configurable and cannot take over the API. */
class RoutesPrefixTest {

    @Test
    void routesAreServedUnderTheConfiguredPrefix(@TempDir Path data) {
        try (var node = RunningServer.start(data, c -> c.withRoutesPrefix("/functions/v2"))) {
            node.put("/v1/routes", "{\"method\":\"GET\",\"path\":\"/\",\"function\":\"echo\"}");

            assertThat(node.get("/functions/v2").status()).isEqualTo(200);
            assertThat(node.get("/functions/v2/").json().get("routeKey").asString()).isEqualTo("GET /");
            assertThat(node.get("/fn/").status()).isEqualTo(404);
            assertThat(node.get("/healthz").status()).isEqualTo(200);
        }
    }

    @Test
    void aPrefixOverTheApiIsRefused() {
        var defaults = ServerConfig.defaults();
        assertThatThrownBy(() -> defaults.withRoutesPrefix("/v1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withRoutesPrefix("/metrics/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withRoutesPrefix("fn")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withRoutesPrefix("/fn/")).isInstanceOf(IllegalArgumentException.class);
        assertThat(defaults.routesPrefix()).isEqualTo("/fn");
    }
}
