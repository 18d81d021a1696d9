package dev.kumo.async.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {

    private static final Instant CREATED = Instant.parse("2025-03-01T10:00:30Z");

    @Test
    void parsesRatesInEveryUnit() {
        assertThat(ScheduleExpression.parse("rate(1 minute)")).isEqualTo(rate(Duration.ofMinutes(1)));
        assertThat(ScheduleExpression.parse("rate(5 minutes)")).isEqualTo(rate(Duration.ofMinutes(5)));
        assertThat(ScheduleExpression.parse(" rate( 2 hours ) ")).isEqualTo(rate(Duration.ofHours(2)));
        assertThat(ScheduleExpression.parse("rate(1 day)")).isEqualTo(rate(Duration.ofDays(1)));
        assertThat(ScheduleExpression.parse("rate(5 seconds)")).isEqualTo(rate(Duration.ofSeconds(5)));
    }

    private static ScheduleExpression rate(Duration period) {
        return new ScheduleExpression.Rate(period);
    }

    @Test
    void rejectsMalformedRatesAndCronsNamingTheExpression() {
        for (String bad : new String[]{"rate(0 minutes)", "rate(5 weeks)", "rate(-1 minutes)", "rate(5)",
                "rate(five minutes)", "rate(5 minutes", "61 * * * *", "* * *", "* * * * * *", "cron(a b c d e)",
                "0 0 30 2 *", "", "   ", "every day"}) {
            assertThatThrownBy(() -> ScheduleExpression.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("expression"));
        }
        assertThatThrownBy(() -> ScheduleExpression.parse("61 * * * *")).hasMessageContaining("61");
        assertThatThrownBy(() -> ScheduleExpression.parse("0 0 30 2 *")).hasMessageContaining("never fires");
    }

    @Test
    void rateTicksCountFromCreation() {
        var rate = ScheduleExpression.parse("rate(5 minutes)");

        assertThat(rate.next(CREATED, CREATED)).contains(CREATED.plusSeconds(300));
        assertThat(rate.next(CREATED, CREATED.minusSeconds(3_600))).contains(CREATED.plusSeconds(300));
        assertThat(rate.next(CREATED, CREATED.plusSeconds(300))).contains(CREATED.plusSeconds(600));
        assertThat(rate.next(CREATED, CREATED.plusSeconds(301))).contains(CREATED.plusSeconds(600));
        assertThat(rate.latest(CREATED, CREATED.plusSeconds(299))).isEmpty();
        assertThat(rate.latest(CREATED, CREATED.plusSeconds(300))).contains(CREATED.plusSeconds(300));
        assertThat(rate.latest(CREATED, CREATED.plusSeconds(3_599))).contains(CREATED.plusSeconds(3_300));
    }

    @Test
    void cronTicksAreCronsInUtcWithOrWithoutTheWrapper() {
        var bare = ScheduleExpression.parse("*/15 * * * *");
        var wrapped = ScheduleExpression.parse("cron(*/15 * * * *)");
        Instant at = Instant.parse("2025-03-01T10:15:00Z");

        for (var cron : new ScheduleExpression[]{bare, wrapped}) {
            assertThat(cron.next(CREATED, at)).contains(Instant.parse("2025-03-01T10:30:00Z"));
            assertThat(cron.next(CREATED, at.minusMillis(1))).contains(at);
            assertThat(cron.latest(CREATED, at)).contains(at);
            assertThat(cron.latest(CREATED, at.plusMillis(999))).contains(at);
            assertThat(cron.latest(CREATED, at.minusMillis(1))).isEmpty();
        }
        var weekdays = ScheduleExpression.parse("cron(0 12 * * MON-FRI)");
        assertThat(weekdays.next(CREATED, CREATED)).contains(Instant.parse("2025-03-03T12:00:00Z"));
    }
}
