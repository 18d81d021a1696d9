package dev.kumo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String TEXT = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2097152.0
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 3.0E7
            jvm_memory_used_bytes_total{area="heap"} 99
            jvm_memory_committed_bytes{area="heap",id="G1 Old Gen"} 5.0E7
            odd_labels{path="/a,b",q="say \\"hi\\"",area="heap"} 7 1700000000000
            kumo_invocations_total 42
            """;

    @Test
    void sumsMatchingSamplesOnly() {
        assertThat(PrometheusText.sum(TEXT, "jvm_memory_used_bytes", Map.of("area", "heap")))
                .isEqualTo(10_485_760.0 + 2_097_152.0);
        assertThat(PrometheusText.sum(TEXT, "jvm_memory_used_bytes", Map.of())).isEqualTo(10_485_760.0
                + 2_097_152.0 + 30_000_000.0);
    }

    @Test
    void handlesEscapedLabelValuesTimestampsAndBareNames() {
        assertThat(PrometheusText.sum(TEXT, "odd_labels", Map.of("q", "say \"hi\"", "path", "/a,b"))).isEqualTo(7);
        assertThat(PrometheusText.sum(TEXT, "kumo_invocations_total", Map.of())).isEqualTo(42);
    }

    @Test
    void absentMetricIsNaN() {
        assertThat(PrometheusText.sum(TEXT, "jvm_gc_pause_seconds", Map.of())).isNaN();
        assertThat(PrometheusText.sum(TEXT, "jvm_memory_used_bytes", Map.of("area", "stack"))).isNaN();
    }

    @Test
    void readsVmRssInBytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t   123456 kB\nThreads:\t40\n";

        assertThat(ProcStatus.vmRss(status)).hasValue(123_456L * 1024);
        assertThat(ProcStatus.vmRss("Name:\tkthreadd\n")).isEmpty();
    }
}
