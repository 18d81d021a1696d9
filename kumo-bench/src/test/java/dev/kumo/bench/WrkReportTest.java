package dev.kumo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WrkReportTest {

    private static final String WITH_ERRORS = """
            Running 2s test @ http://127.0.0.1:18080/nonexistent
              1 threads and 8 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     3.92ms   13.36ms 210.39ms   98.85%
                Req/Sec     2.26k    48.65     2.33k    71.43%
              Latency Distribution
                 50%    2.60ms
                 75%    2.89ms
                 90%    3.23ms
                 99%   42.78ms
              4716 requests in 2.10s, 2.34MB read
              Socket errors: connect 1, read 2, write 3, timeout 4
              Non-2xx or 3xx responses: 4716
            Requests/sec:   2245.07
            Transfer/sec:      1.11MB
            """;

    private static final String FAST = """
            Running 10s test @ http://127.0.0.1:8080/v1/functions/noop/invoke
              1 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency   635.91us    0.89ms   1.02s    93.69%
                Req/Sec    56.20k     8.07k   62.00k    86.54%
              Latency Distribution
                 50%  250.00us
                 75%  491.00us
                 90%  700.00us
                 99%    1.50s
              559137 requests in 10.01s, 61.32MB read
            Requests/sec:  55874.92
            Transfer/sec:      6.13MB
            """;

    @Test
    void parsesThroughputLatencyAndErrors() {
        WrkReport r = WrkReport.parse(WITH_ERRORS);

        assertThat(r.requestsPerSec()).isEqualTo(2245.07);
        assertThat(r.requests()).isEqualTo(4716);
        assertThat(r.latencyAvgMs()).isEqualTo(3.92);
        assertThat(r.latencyStdevMs()).isEqualTo(13.36);
        assertThat(r.latencyMaxMs()).isEqualTo(210.39);
        assertThat(r.percentilesMs()).containsOnlyKeys(50.0, 75.0, 90.0, 99.0);
        assertThat(r.percentileMs(99)).isEqualTo(42.78);
        assertThat(r.non2xx()).isEqualTo(4716);
        assertThat(r.socketErrors()).isEqualTo(10);
    }

    @Test
    void convertsMicrosecondsAndSecondsToMillis() {
        WrkReport r = WrkReport.parse(FAST);

        assertThat(r.latencyAvgMs()).isCloseTo(0.63591, within(1e-9));
        assertThat(r.latencyMaxMs()).isEqualTo(1020.0);
        assertThat(r.percentileMs(50)).isCloseTo(0.25, within(1e-9));
        assertThat(r.percentileMs(99)).isEqualTo(1500.0);
        assertThat(r.non2xx()).isZero();
        assertThat(r.socketErrors()).isZero();
    }

    @Test
    void missingPercentileIsNaN() {
        assertThat(WrkReport.parse(FAST).percentileMs(99.9)).isNaN();
    }

    @Test
    void rejectsOutputWithoutRequestsPerSecond() {
        assertThatThrownBy(() -> WrkReport.parse("unable to connect to 127.0.0.1:1 Connection refused"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Requests/sec");
    }

    @Test
    void luaScriptPostsTheBodyAsJson() {
        String script = WrkRunner.postScript("{\"a\":\"it's\"}");

        assertThat(script).contains("wrk.method = \"POST\"")
                .contains("wrk.body = '{\"a\":\"it\\'s\"}'")
                .contains("wrk.headers[\"Content-Type\"] = \"application/json\"");
    }
}
