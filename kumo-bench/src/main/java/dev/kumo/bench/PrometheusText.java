package dev.kumo.bench;

import java.util.HashMap;
import java.util.Map;

/** Reads samples out of the Prometheus text exposition format served at {@code /metrics}. */
final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * Sums every sample of {@code metric} whose labels include all of {@code labels}; NaN when there is
     * no such sample.
     */
    static double sum(String text, String metric, Map<String, String> labels) {
        double total = 0;
        boolean found = false;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            int brace = line.indexOf('{');
            int nameEnd = brace >= 0 ? brace : line.indexOf(' ');
            if (nameEnd < 0 || !line.substring(0, nameEnd).equals(metric)) {
                continue;
            }
            Map<String, String> sampleLabels = new HashMap<>();
            int valueStart = nameEnd;
            if (brace >= 0) {
                int close = parseLabels(line, brace + 1, sampleLabels);
                valueStart = close + 1;
            }
            if (!sampleLabels.entrySet().containsAll(labels.entrySet())) {
                continue;
            }
            String[] rest = line.substring(valueStart).strip().split("\\s+");
            total += parseValue(rest[0]);
            found = true;
        }
        return found ? total : Double.NaN;
    }

    /** Parses {@code k="v",...} from {@code from}; returns the index of the closing brace. */
    private static int parseLabels(String line, int from, Map<String, String> into) {
        int i = from;
        while (i < line.length() && line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq).strip();
            int j = eq + 2; // past ="
            var value = new StringBuilder();
            while (line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                j++;
            }
            into.put(key, value.toString());
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return i;
    }

    private static double parseValue(String v) {
        return switch (v) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(v);
        };
    }
}
