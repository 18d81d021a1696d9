package dev.kumo.store.internal;

import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Keys of the {@link MvAsyncQueue} maps. A time key is 16 hex digits of a time in microseconds since the
 * epoch, sign bit flipped so that string order is time order, followed by the 32 hex digits of an
 * activation id, which breaks ties. Keys of one function start with its name and a NUL character, which no
 * function name holds and which sorts before every other character, so one function's keys are contiguous.
 */
final class AsyncKeys {

    static final int TIME_DIGITS = 16;
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern TIME_KEY = Pattern.compile("[0-9a-f]{48}");

    private AsyncKeys() {
    }

    /** The time key of {@code micros} and activation {@code id}. */
    static String timeKey(long micros, String id) {
        return time(micros) + id;
    }

    /** The 16 digits that sort {@code micros} in time order. */
    static String time(long micros) {
        return HEX.toHexDigits(micros ^ Long.MIN_VALUE);
    }

    /** The time of a time key (or of its first 16 digits). */
    static long micros(String timeKey) {
        return HexFormat.fromHexDigitsToLong(timeKey, 0, TIME_DIGITS) ^ Long.MIN_VALUE;
    }

    /** The activation id of a time key. */
    static String id(String timeKey) {
        return timeKey.substring(TIME_DIGITS);
    }

    /** Microseconds since the epoch. */
    static long micros(Instant instant) {
        return ActivationKeys.micros(instant);
    }

    /** Whether {@code token} has the shape of a time key. */
    static boolean isTimeKey(String token) {
        return TIME_KEY.matcher(token).matches();
    }

    /** The first key of {@code function}'s range. */
    static String prefix(String function) {
        return function + '\0';
    }

    /** {@code rest} within {@code function}'s range. */
    static String scoped(String function, String rest) {
        return prefix(function) + rest;
    }
}
