package dev.kumo.store.internal;

import dev.kumo.core.Activation;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Keys that sort activations newest first: 16 hex digits of {@code Long.MAX_VALUE - startMicros} followed
 * by the 32 hex digits of the id, so ties in start time are broken by id: the order of {@link Retained}. The
 * 48 characters serve as the opaque page token of activation listings.
 */
public final class ActivationKeys {

    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{48}");
    private static final int TIME_DIGITS = 16;

    private ActivationKeys() {
    }

    /** The time-ordered key of {@code activation}. */
    public static String timeKey(Activation activation) {
        return HEX.toHexDigits(Long.MAX_VALUE - micros(activation.start())) + activation.id().value();
    }

    /** Microseconds since the epoch. */
    public static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    /** The start time, in microseconds since the epoch, encoded in {@code timeKey}. */
    public static long startMicros(String timeKey) {
        return Long.MAX_VALUE - HexFormat.fromHexDigitsToLong(timeKey, 0, TIME_DIGITS);
    }

    /** The activation id encoded in {@code timeKey}. */
    public static String id(String timeKey) {
        return timeKey.substring(TIME_DIGITS);
    }

    /** Whether {@code token} has the shape of a time key. */
    public static boolean isTimeKey(String token) {
        return KEY.matcher(token).matches();
    }

    /** A search key that sorts exactly where the record of page token {@code timeKey} does. */
    public static Retained position(String timeKey) {
        return Retained.probe(startMicros(timeKey), id(timeKey));
    }
}
