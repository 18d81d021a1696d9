package dev.kumo.async;

import static dev.kumo.async.testing.FakeTarget.echo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.NotFoundException;
import dev.kumo.core.event.Schedule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private final Fixture fx = new Fixture();

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private static Schedule schedule(String function, String expression) {
        return new Schedule("nightly", function, "$LATEST", expression, "{\"job\":\"report\"}", true, Fixture.T0);
    }

    @Test
    void aScheduleIsValidatedStoredAndFiresItsFunction() {
        fx.target.deploy("report", echo());
        fx.start();

        fx.runtime.putSchedule(schedule("report", "rate(10 minutes)"));

        assertThat(fx.store.schedules().get("nightly")).isPresent();
        assertThat(fx.runtime.nextFire("nightly")).contains(Fixture.T0.plus(Duration.ofMinutes(10)));
        fx.runtime.fireDueSchedules(fx.clock.advance(Duration.ofMinutes(10)));
        Fixture.quickly().until(() -> fx.target.calls("report") == 1);
        assertThat(new String(fx.target.requests("report").getFirst().payload(), StandardCharsets.UTF_8))
                .startsWith("{\"version\":\"0\",").contains("\"source\":\"kumo.schedule\"")
                .contains("\"schedule\":\"nightly\"")
                .contains("\"time\":\"" + Fixture.T0.plus(Duration.ofMinutes(10)) + "\"")
                .endsWith("\"detail\":{\"job\":\"report\"}}");
        assertThat(fx.runtime.nextFire("nightly")).contains(Fixture.T0.plus(Duration.ofMinutes(20)));
    }

    @Test
    void badExpressionsAndUnknownFunctionsAreRefused() {
        fx.target.deploy("report", echo());
        fx.start();

        assertThatThrownBy(() -> fx.runtime.putSchedule(schedule("report", "cron(99 * * * *)")))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("expression"));
        assertThatThrownBy(() -> fx.runtime.putSchedule(schedule("ghost", "rate(1 hour)")))
                .isInstanceOf(NotFoundException.class);
        assertThat(fx.store.schedules().all()).isEmpty();
    }

    @Test
    void aDeletedScheduleNoLongerFires() {
        fx.target.deploy("report", echo());
        fx.start();
        fx.runtime.putSchedule(schedule("report", "*/5 * * * *"));

        assertThat(fx.runtime.deleteSchedule("nightly")).isTrue();

        assertThat(fx.runtime.deleteSchedule("nightly")).isFalse();
        assertThat(fx.runtime.nextFire("nightly")).isEmpty();
        assertThat(fx.runtime.fireDueSchedules(fx.clock.advance(Duration.ofHours(1)))).isEmpty();
        assertThat(fx.store.queue().pending()).isEmpty();
    }
}
