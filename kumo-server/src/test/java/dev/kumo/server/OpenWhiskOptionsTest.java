package dev.kumo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code ./kumo up} options of the OpenWhisk-compatible API. */
class OpenWhiskOptionsTest {

    private static ServerConfig parse(String... args) {
        var main = new Main();
        new CommandLine(main).parseArgs(args);
        return main.config();
    }

    @Test
    void defaultsKeepTheStoredGuestKeyAndLoopbackOnly() {
        assertThat(parse().openWhisk()).isEqualTo(OpenWhiskSettings.defaults());
        assertThat(ServerConfig.defaults().openWhisk().allowRemote()).isFalse();
        assertThat(ServerConfig.defaults().withPort(0).openWhisk().guestKey()).isEmpty();
    }

    @Test
    void guestKeyAndRemoteAccessAreMapped() {
        var config = parse("--openwhisk-guest-key", "me:secret", "--openwhisk-allow-remote");
        assertThat(config.openWhisk()).isEqualTo(new OpenWhiskSettings(Optional.of("me:secret"), true));
        assertThat(config.withPort(1).withKeepAlive("fixed:1m").openWhisk()).isEqualTo(config.openWhisk());
    }

    @Test
    void malformedKeysAndPrefixesOverTheApiAreRefused() {
        for (var bad : new String[] {"nocolon", ":key", "uuid:", "a:b:c"}) {
            assertThatThrownBy(() -> parse("--openwhisk-guest-key", bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uuid:key");
        }
        for (var bad : new String[] {"/api", "/api/v1", "/api/v1/x"}) {
            assertThatThrownBy(() -> parse("--routes-prefix", bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OpenWhisk");
        }
        assertThat(parse("--routes-prefix", "/api/fn").routesPrefix()).isEqualTo("/api/fn");
    }
}
