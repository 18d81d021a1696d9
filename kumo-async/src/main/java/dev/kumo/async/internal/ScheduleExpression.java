package dev.kumo.async.internal;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.kumo.core.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedule's timetable, parsed once: {@code rate(N second[s]|minute[s]|hour[s]|day[s])} ticks at
 * {@code created + k * period} for k = 1, 2, ...; {@code cron(M H DOM MON DOW)} or a bare five-field
 * UNIX cron expression ticks when cron says, in UTC.
 */
public sealed interface ScheduleExpression {

    /** The field parse errors name. */
    String FIELD = "expression";

    /** The first tick strictly after {@code after}, for a schedule created at {@code created}. */
    Optional<Instant> next(Instant created, Instant after);

    /** The latest tick at or before {@code at} (and after {@code created}). */
    Optional<Instant> latest(Instant created, Instant at);

    /**
     * Parses an expression.
     *
     * @throws InvalidRequestException naming {@link #FIELD}, with the reason, when it is malformed or never fires
     */
    static ScheduleExpression parse(String expression) {
        InvalidRequestException.require(expression != null && !expression.isBlank(), FIELD,
                "expression is required: rate(N seconds|minutes|hours|days) or a cron expression");
        String text = expression.strip();
        if (text.startsWith("rate(")) {
            return Rate.parse(text);
        }
        if (text.startsWith("cron(") && text.endsWith(")")) {
            text = text.substring("cron(".length(), text.length() - 1).strip();
        }
        return Cron.parse(text);
    }

    /** Ticks every {@code period} from the schedule's creation. */
    record Rate(Duration period) implements ScheduleExpression {

        private static final Pattern SYNTAX = Pattern.compile("rate\\(\\s*(\\d{1,9})\\s+(second|minute|hour|day)s?\\s*\\)");

        static Rate parse(String text) {
            Matcher m = SYNTAX.matcher(text);
            InvalidRequestException.require(m.matches(), FIELD,
                    "rate expression must look like rate(N seconds|minutes|hours|days), got '" + text + "'");
            long n = Long.parseLong(m.group(1));
            InvalidRequestException.require(n >= 1, FIELD, "rate must be at least 1, got " + n);
            ChronoUnit unit = switch (m.group(2)) {
                case "second" -> ChronoUnit.SECONDS;
                case "minute" -> ChronoUnit.MINUTES;
                case "hour" -> ChronoUnit.HOURS;
                default -> ChronoUnit.DAYS;
            };
            return new Rate(unit.getDuration().multipliedBy(n));
        }

        @Override
        public Optional<Instant> next(Instant created, Instant after) {
            long k = after.isBefore(created) ? 1 : ticksUntil(created, after) + 1;
            return Optional.of(created.plus(period.multipliedBy(k)));
        }

        @Override
        public Optional<Instant> latest(Instant created, Instant at) {
            long k = at.isBefore(created) ? 0 : ticksUntil(created, at);
            return k < 1 ? Optional.empty() : Optional.of(created.plus(period.multipliedBy(k)));
        }

        private long ticksUntil(Instant created, Instant at) {
            return Duration.between(created, at).dividedBy(period);
        }
    }

    /** Ticks when a five-field UNIX cron expression matches, in UTC. */
    record Cron(String text, ExecutionTime times) implements ScheduleExpression {

        private static final CronParser PARSER =
                new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

        static Cron parse(String text) {
            ExecutionTime times;
            try {
                times = ExecutionTime.forCron(PARSER.parse(text).validate());
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(FIELD, "invalid cron expression '" + text + "': " + e.getMessage());
            }
            var cron = new Cron(text, times);
            InvalidRequestException.require(cron.next(Instant.EPOCH, Instant.EPOCH).isPresent(), FIELD,
                    "cron expression '" + text + "' never fires");
            return cron;
        }

        @Override
        public Optional<Instant> next(Instant created, Instant after) {
            return times.nextExecution(utc(after)).map(ZonedDateTime::toInstant);
        }

        @Override
        public Optional<Instant> latest(Instant created, Instant at) {
            // Cron ticks fall on whole minutes and lastExecution is strictly before its argument.
            Instant bound = at.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            return times.lastExecution(utc(bound)).map(ZonedDateTime::toInstant).filter(t -> t.isAfter(created));
        }

        private static ZonedDateTime utc(Instant instant) {
            return instant.atZone(ZoneOffset.UTC);
        }
    }
}
