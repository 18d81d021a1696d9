package dev.kumo.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationSpecTest {

    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S", "30s, PT30S", "10m, PT10M", "2h, PT2H", "1d, PT24H", "10, PT10M", "0, PT0S",
        "' 10m ', PT10M", "PT10M, PT10M", "pt1h30m, PT1H30M", "P1D, PT24H", "PT0.25S, PT0.25S"})
    void parsesEveryForm(String text, Duration expected) {
        assertThat(DurationSpec.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "m", "10 m", "10M", "1.5h", "-1m", "+1m", "10mm", "ten", "PT", "PT-1S", "-PT1S",
        "99999999999999999999", "9223372036854775807d"})
    void rejectsWithClearMessage(String text) {
        assertThatThrownBy(() -> DurationSpec.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("PT10M");
    }

    @ParameterizedTest
    @CsvSource({
        "PT0S, 0s", "PT10M, 10m", "PT2H, 2h", "PT48H, 2d", "PT90M, 90m", "PT1.5S, 1500ms", "PT0.000001S, PT0.000001S"})
    void formatsShortest(Duration duration, String expected) {
        assertThat(DurationSpec.format(duration)).isEqualTo(expected);
    }

    @Property
    void secondsRoundTrip(@ForAll @LongRange(min = 1, max = 100_000) long n) {
        assertThat(DurationSpec.parse(n + "s")).isEqualTo(Duration.ofSeconds(n));
    }

    @Property
    void bareNumberIsMinutes(@ForAll @LongRange(min = 0, max = 1_000_000) long n) {
        assertThat(DurationSpec.parse(Long.toString(n))).isEqualTo(Duration.ofMinutes(n));
    }

    @Property
    void formatThenParseIsIdentity(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 4) long nanos) {
        var duration = Duration.ofNanos(nanos);
        assertThat(DurationSpec.parse(DurationSpec.format(duration))).isEqualTo(duration);
    }

    @Property
    void isoAndShortFormAgree(@ForAll @LongRange(min = 0, max = 10_000_000) long millis) {
        var duration = Duration.ofMillis(millis);
        assertThat(DurationSpec.parse(millis + "ms")).isEqualTo(DurationSpec.parse(duration.toString()));
    }
}
