package dev.kumo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultFilesTest {

    private static final Measurement THROUGHPUT = new Measurement("warm-throughput", "requests_per_sec", "req/s",
            30_000, 60_000, "raw netty (epoll)", new Goal.RatioAtLeast(0.6));
    private static final Measurement LATENCY = new Measurement("warm-latency", "p50", "µs", 50, 20,
            "raw, netty", new Goal.RatioAtMost(2));
    private static final Measurement COLD = new Measurement("cold-start", "p50", "ms", 8, 0, "warm",
            new Goal.KumoAtMost(10));

    @Test
    void goalsAreJudgedOnRatioOrKumoValue() {
        assertThat(THROUGHPUT.ratio()).isEqualTo(0.5);
        assertThat(THROUGHPUT.verdict()).isEqualTo(Goal.Verdict.FAIL);
        assertThat(LATENCY.verdict()).isEqualTo(Goal.Verdict.FAIL);
        assertThat(COLD.ratio()).isNaN();
        assertThat(COLD.verdict()).isEqualTo(Goal.Verdict.PASS);
        assertThat(new Measurement("b", "m", "u", Double.NaN, 1, "x", new Goal.RatioAtMost(2)).verdict())
                .isEqualTo(Goal.Verdict.NO_DATA);
    }

    @Test
    void csvHasOneRowPerMeasurementWithQuotedCommas() {
        var outcome = new BenchOutcome("x", List.of(THROUGHPUT, LATENCY), List.of(), List.of());

        String csv = ResultFiles.csv(List.of(outcome));

        assertThat(csv.lines()).hasSize(3);
        assertThat(csv.lines().toList().get(1))
                .isEqualTo("warm-throughput,requests_per_sec,req/s,30000.0,60000.0,raw netty (epoll),0.500000,"
                        + "ratio >= 0.60,FAIL");
        assertThat(csv).contains("\"raw, netty\"");
    }

    @Test
    void summaryListsGoalsAndFailures() {
        var ok = new BenchOutcome("cold-start", List.of(COLD), List.of(), List.of());
        var failed = BenchOutcome.failed("memory", new IllegalStateException("no server"));
        var info = new RunInfo(Instant.parse("2026-01-02T03:04:05Z"), 2, "cpu", "Linux", "25", 1);

        String md = ResultFiles.markdown(info, BenchOptions.defaults(), List.of(ok, failed));

        assertThat(md).contains("Machine: 2 cores")
                .contains("| cold-start | p50 | 8 ms | 0 ms | n/a | kumo <= 10 | PASS |")
                .contains("> FAILED: IllegalStateException: no server");
    }
}
