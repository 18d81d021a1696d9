package dev.kumo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsRunEverything() {
        BenchOptions o = BenchOptions.parse();

        assertThat(o.only()).isEmpty();
        assertThat(o.selected("memory")).isTrue();
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.out()).isEqualTo(Path.of("bench-results"));
        assertThat(o.latencyRequests()).isEqualTo(20_000);
    }

    @Test
    void parsesFlagsInBothForms() {
        BenchOptions o = BenchOptions.parse("--only", "warm-latency,cold-start", "--duration=500ms",
                "--out", "/tmp/x", "--requests", "5_000", "--cold-starts=7");

        assertThat(o.only()).containsExactlyInAnyOrder("warm-latency", "cold-start");
        assertThat(o.selected("memory")).isFalse();
        assertThat(o.duration()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.out()).isEqualTo(Path.of("/tmp/x"));
        assertThat(o.latencyRequests()).isEqualTo(5_000);
        assertThat(o.coldStarts()).isEqualTo(7);
    }

    @Test
    void checksCountsTogetherAfterAllFlags() {
        BenchOptions o = BenchOptions.parse("--functions", "50", "--warm", "10");

        assertThat(o.functions()).isEqualTo(50);
        assertThat(o.warmInstances()).isEqualTo(10);
    }

    @Test
    void parsesDurations() {
        assertThat(BenchOptions.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(BenchOptions.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(BenchOptions.parseDuration("3")).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> BenchOptions.parse("--duration", "soon")).hasMessageContaining("bad duration");
        assertThatThrownBy(() -> BenchOptions.parse("--requests", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> BenchOptions.parse("--bogus", "1")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> BenchOptions.parse("--out")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchOptions.parse("--functions", "10", "--warm", "20"))
                .hasMessageContaining("--warm");
    }
}
