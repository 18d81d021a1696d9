package dev.kumo.policies;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in policy specs and config: a whole number with a unit ({@code 500ms}, {@code 30s},
 * {@code 10m}, {@code 2h}, {@code 1d}), a bare number of minutes ({@code 10}, the unit keep-alive is usually
 * reasoned in), or ISO-8601 ({@code PT10M}). Negative durations are rejected.
 */
public final class DurationSpec {

    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)?");
    private static final Pattern ISO = Pattern.compile("[-+]?[Pp].*");
    private static final List<Unit> UNITS = List.of(
            new Unit("d", ChronoUnit.DAYS),
            new Unit("h", ChronoUnit.HOURS),
            new Unit("m", ChronoUnit.MINUTES),
            new Unit("s", ChronoUnit.SECONDS),
            new Unit("ms", ChronoUnit.MILLIS));

    private record Unit(String suffix, ChronoUnit unit) {
    }

    private DurationSpec() {
    }

    /**
     * Parses {@code text}, ignoring surrounding whitespace.
     *
     * @throws IllegalArgumentException if {@code text} is not one of the accepted forms, or is negative
     */
    public static Duration parse(String text) {
        var trimmed = text.strip();
        var iso = ISO.matcher(trimmed).matches();
        var shortForm = SHORT.matcher(trimmed);
        if (!iso && !shortForm.matches()) {
            throw invalid(text, "not a duration", null);
        }
        try {
            var duration = iso ? Duration.parse(trimmed) : ofShortForm(shortForm);
            if (duration.isNegative()) {
                throw invalid(text, "negative", null);
            }
            return duration;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw invalid(text, e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw invalid(text, "too large", e);
        }
    }

    /** Writes {@code duration} in the shortest form {@link #parse} reads back, e.g. {@code 10m} or {@code 1500ms}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.getNano() == 0) {
            for (var unit : UNITS) {
                var seconds = unit.unit().getDuration().toSeconds();
                if (seconds > 0 && duration.getSeconds() % seconds == 0) {
                    return duration.getSeconds() / seconds + unit.suffix();
                }
            }
        }
        if (duration.getNano() % 1_000_000 == 0 && duration.getSeconds() < Long.MAX_VALUE / 1000) {
            return duration.toMillis() + "ms";
        }
        return duration.toString();
    }

    private static Duration ofShortForm(Matcher matcher) {
        var amount = Long.parseLong(matcher.group(1));
        var suffix = matcher.group(2) == null ? "m" : matcher.group(2);
        var unit = UNITS.stream().filter(u -> u.suffix().equals(suffix)).findFirst().orElseThrow();
        return Duration.of(amount, unit.unit());
    }

    private static IllegalArgumentException invalid(String text, String reason, Throwable cause) {
        return new IllegalArgumentException("invalid duration '" + text + "' (" + reason
                + "): use a whole number with ms, s, m, h or d (a bare number means minutes), or ISO-8601 like PT10M",
                cause);
    }
}
