package dev.kumo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.async.AsyncSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code ./kumo up} options become the server configuration. */
class MainTest {

    private static ServerConfig parse(String... args) {
        var main = new Main();
        new CommandLine(main).parseArgs(args);
        return main.config();
    }

    @Test
    void defaultsMatchTheDocumentedOnes() {
        var config = parse();

        assertThat(config.maxAsyncPayloadBytes()).isEqualTo(1024 * 1024);
        assertThat(config.routesPrefix()).isEqualTo("/fn");
        assertThat(config.async().maxQueueDepth()).isEqualTo(100_000);
        assertThat(config.async().maxQueuedBytes()).isEqualTo(512L * 1024 * 1024)
                .isEqualTo(AsyncSettings.defaults().maxQueuedBytes());
        assertThat(config.async().idempotencyWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(config.async().callbackHosts()).containsExactlyInAnyOrder("localhost", "127.0.0.1", "::1");
        assertThat(config.async().retryBase()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.async().retryMax()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.maxCallDepth()).isEqualTo(16);
        assertThat(config.maxFanOut()).isEqualTo(64);
    }

    @Test
    void callBoundsAreMapped() {
        var config = parse("--max-call-depth", "3", "--max-fan-out", "8");

        assertThat(config.maxCallDepth()).isEqualTo(3);
        assertThat(config.maxFanOut()).isEqualTo(8);
        assertThatThrownBy(() -> parse("--max-fan-out", "0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--max-fan-out");
    }

    @Test
    void asyncOptionsAreMapped() {
        var config = parse("--max-async-payload-kb", "64", "--max-queue-depth", "10", "--max-queued-mb", "2048",
                "--idempotency-window", "2h", "--callback-hosts", "hooks.internal, localhost", "--retry-base", "10m",
                "--routes-prefix", "/api/fn");

        assertThat(config.maxAsyncPayloadBytes()).isEqualTo(64 * 1024);
        assertThat(config.async().maxQueueDepth()).isEqualTo(10);
        assertThat(config.async().maxQueuedBytes()).as("no int overflow").isEqualTo(2048L * 1024 * 1024);
        assertThat(config.async().idempotencyWindow()).isEqualTo(Duration.ofHours(2));
        assertThat(config.async().callbackHosts()).containsExactlyInAnyOrder("hooks.internal", "localhost");
        assertThat(config.async().retryBase()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.async().retryMax()).as("never below the base").isEqualTo(Duration.ofMinutes(10));
        assertThat(config.routesPrefix()).isEqualTo("/api/fn");
    }

    @Test
    void invalidValuesStopTheStart() {
        assertThatThrownBy(() -> parse("--retry-base", "soon")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("--max-queue-depth", "0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("--routes-prefix", "/v1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("--max-async-payload-kb", "0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("--max-queued-mb", "0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--max-queued-mb");
    }
}
