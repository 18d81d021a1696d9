package dev.kumo.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one wrk run reported. Latencies are in milliseconds.
 *
 * @param requestsPerSec  the {@code Requests/sec} line
 * @param requests        total requests completed
 * @param latencyAvgMs    mean latency
 * @param latencyStdevMs  latency standard deviation
 * @param latencyMaxMs    largest latency
 * @param percentilesMs   the {@code Latency Distribution} block (needs {@code --latency}), percent to ms
 * @param non2xx          {@code Non-2xx or 3xx responses}, 0 when absent
 * @param socketErrors    connect + read + write + timeout socket errors, 0 when absent
 */
record WrkReport(double requestsPerSec, long requests, double latencyAvgMs, double latencyStdevMs,
                 double latencyMaxMs, Map<Double, Double> percentilesMs, long non2xx, long socketErrors) {

    private static final String TIME = "([0-9.]+)(us|ms|s|m|h)";
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ");
    private static final Pattern LATENCY = Pattern.compile(
            "^\\s*Latency\\s+" + TIME + "\\s+" + TIME + "\\s+" + TIME, Pattern.MULTILINE);
    private static final Pattern PERCENTILE = Pattern.compile("^\\s*([0-9.]+)%\\s+" + TIME + "\\s*$",
            Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** Copies the percentile map, sorted by percent. */
    WrkReport {
        percentilesMs = Map.copyOf(new TreeMap<>(percentilesMs));
    }

    /** A percentile from the distribution block, NaN when wrk did not print it. */
    double percentileMs(double percent) {
        return percentilesMs.getOrDefault(percent, Double.NaN);
    }

    /** Parses wrk 4.x standard output; fails when there is no {@code Requests/sec} line. */
    static WrkReport parse(String output) {
        Matcher rps = RPS.matcher(output);
        if (!rps.find()) {
            throw new IllegalArgumentException("no Requests/sec line in wrk output:\n" + output);
        }
        double avg = Double.NaN;
        double stdev = Double.NaN;
        double max = Double.NaN;
        Matcher lat = LATENCY.matcher(output);
        if (lat.find()) {
            avg = millis(lat.group(1), lat.group(2));
            stdev = millis(lat.group(3), lat.group(4));
            max = millis(lat.group(5), lat.group(6));
        }
        Map<Double, Double> percentiles = new TreeMap<>();
        Matcher p = PERCENTILE.matcher(output);
        while (p.find()) {
            percentiles.put(Double.parseDouble(p.group(1)), millis(p.group(2), p.group(3)));
        }
        Matcher total = TOTAL.matcher(output);
        long requests = total.find() ? Long.parseLong(total.group(1)) : 0;
        Matcher non2xx = NON_2XX.matcher(output);
        long bad = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
        Matcher socket = SOCKET.matcher(output);
        long errors = 0;
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        return new WrkReport(Double.parseDouble(rps.group(1)), requests, avg, stdev, max, percentiles, bad, errors);
    }

    /** Converts a wrk time ({@code 635.91us}, {@code 1.20ms}, {@code 2.00s}, {@code 1.00m}) to ms. */
    static double millis(String number, String unit) {
        double v = Double.parseDouble(number);
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            case "m" -> v * 60_000;
            case "h" -> v * 3_600_000;
            default -> throw new IllegalArgumentException("unknown wrk time unit " + unit);
        };
    }
}
