package dev.kumo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyReportTest {

    @Test
    void reportsPercentilesInMicroseconds() {
        Histogram nanos = LatencyReport.newHistogram();
        for (int i = 1; i <= 1000; i++) {
            nanos.recordValue(i * 1_000L); // 1 µs .. 1000 µs, uniformly
        }

        LatencyReport r = LatencyReport.of(nanos);

        assertThat(r.count()).isEqualTo(1000);
        assertThat(r.p50Us()).isCloseTo(500, within(1.0));
        assertThat(r.p90Us()).isCloseTo(900, within(1.0));
        assertThat(r.p99Us()).isCloseTo(990, within(1.0));
        assertThat(r.p999Us()).isCloseTo(999, within(1.0));
        assertThat(r.maxUs()).isCloseTo(1000, within(1.0));
        assertThat(r.meanUs()).isCloseTo(500.5, within(0.5));
    }

    @Test
    void emptyHistogramGivesNaN() {
        LatencyReport r = LatencyReport.of(LatencyReport.newHistogram());

        assertThat(r.count()).isZero();
        assertThat(r.p50Us()).isNaN();
    }

    @Test
    void samplesUseNearestRank() {
        Samples s = Samples.of(List.of(5.0, 1.0, 4.0, 2.0, 3.0, 6.0, 7.0, 8.0, 9.0, 10.0));

        assertThat(s.median()).isEqualTo(5.0);
        assertThat(s.percentile(90)).isEqualTo(9.0);
        assertThat(s.percentile(91)).isEqualTo(10.0);
        assertThat(s.percentile(100)).isEqualTo(10.0);
        assertThat(s.percentile(0)).isEqualTo(1.0);
        assertThat(Samples.of(List.of()).median()).isNaN();
    }
}
