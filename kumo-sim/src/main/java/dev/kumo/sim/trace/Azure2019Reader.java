package dev.kumo.sim.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a directory in the Azure Functions 2019 format: either the sample's {@code invocations.csv},
 * {@code durations.csv}, {@code memory.csv} (per-function memory), or the original per-day files
 * {@code invocations_per_function_md.anon.dNN.csv}, {@code function_durations_percentiles.anon.dNN.csv} and
 * {@code app_memory_percentiles.anon.dNN.csv} (per-app memory, split evenly across the app's functions), where
 * day N's minute m becomes minute (N-1)*1440 + m. A function with no duration or memory row gets the median of the
 * rows there are. Per-day durations and memory come from the first day that has the function.
 */
public final class Azure2019Reader {

    static final String INVOCATIONS = "invocations.csv";
    static final String DURATIONS = "durations.csv";
    static final String MEMORY = "memory.csv";
    static final Pattern DAY_INVOCATIONS = Pattern.compile("invocations_per_function_md\\.anon\\.d(\\d+)\\.csv");
    private static final int MINUTES_PER_DAY = 1440;

    private final FunctionTable table = new FunctionTable();
    private final Map<String, Double> durationMs = new HashMap<>();
    private final Map<String, Double> functionMemoryMb = new HashMap<>();
    private final Map<String, Double> appMemoryMb = new HashMap<>();

    private Azure2019Reader() {
    }

    /** Whether {@code dir} holds a 2019-format trace in either naming. */
    public static boolean recognizes(Path dir) {
        return Files.isRegularFile(dir.resolve(INVOCATIONS)) || !days(dir).isEmpty();
    }

    /**
     * Reads the trace in {@code dir}.
     *
     * @throws TraceFormatException  naming file, line and column for malformed content
     * @throws IllegalArgumentException when {@code dir} holds no 2019-format invocation file
     */
    public static MinuteCountTrace read(Path dir) {
        var reader = new Azure2019Reader();
        try {
            if (Files.isRegularFile(dir.resolve(INVOCATIONS))) {
                reader.readInvocations(dir.resolve(INVOCATIONS), 0);
                reader.readDurations(dir.resolve(DURATIONS));
                reader.readMemory(dir.resolve(MEMORY));
            } else {
                var days = days(dir);
                if (days.isEmpty()) {
                    throw new IllegalArgumentException("no " + INVOCATIONS
                            + " or invocations_per_function_md.anon.dNN.csv in " + dir);
                }
                for (var day : days.entrySet()) {
                    reader.readInvocations(day.getValue(), (day.getKey() - 1) * MINUTES_PER_DAY);
                }
                for (int day : days.keySet()) {
                    var suffix = ".anon.d%02d.csv".formatted(day);
                    reader.readDurations(dir.resolve("function_durations_percentiles" + suffix));
                    reader.readMemory(dir.resolve("app_memory_percentiles" + suffix));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace in " + dir + ": " + e.getMessage(), e);
        }
        return reader.table.build(reader.durationMs, reader.functionMemoryMb, reader.appMemoryMb);
    }

    /** The per-day invocation files in {@code dir} by day number, ascending. */
    static TreeMap<Integer, Path> days(Path dir) {
        var days = new TreeMap<Integer, Path>();
        try (var files = Files.list(dir)) {
            files.forEach(f -> {
                var m = DAY_INVOCATIONS.matcher(f.getFileName().toString());
                if (m.matches()) {
                    days.put(Integer.parseInt(m.group(1)), f);
                }
            });
        } catch (IOException e) {
            return new TreeMap<>();
        }
        return days;
    }

    private void readInvocations(Path file, int minuteOffset) throws IOException {
        try (var csv = CsvLines.open(file)) {
            int app = csv.column("HashApp");
            int function = csv.column("HashFunction");
            var minuteColumns = new ArrayList<Integer>();
            var minuteOf = new ArrayList<Integer>();
            var header = csv.header();
            for (int c = 0; c < header.size(); c++) {
                if (header.get(c).chars().allMatch(Character::isDigit) && !header.get(c).isEmpty()) {
                    int minute = Integer.parseInt(header.get(c));
                    if (minute > MINUTES_PER_DAY) {
                        throw new TraceFormatException(file, 1, c + 1, "minute column " + minute + " is past 1440");
                    }
                    minuteColumns.add(c);
                    minuteOf.add(minute + minuteOffset);
                }
            }
            if (minuteColumns.isEmpty()) {
                throw new TraceFormatException(file, 1, 0, "no minute columns (numbered headers) found");
            }
            while (csv.nextRow()) {
                int id = table.function(csv.field(app), csv.field(function));
                for (int i = 0; i < minuteColumns.size(); i++) {
                    long count = csv.wholeNumber(minuteColumns.get(i));
                    if (count > Integer.MAX_VALUE) {
                        throw csv.error(minuteColumns.get(i) + 1, "count too large: " + count);
                    }
                    if (count > 0) {
                        table.add(minuteOf.get(i), id, (int) count);
                    }
                }
            }
        }
    }

    private void readDurations(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (var csv = CsvLines.open(file)) {
            int app = csv.column("HashApp");
            int function = csv.column("HashFunction");
            int average = csv.column("Average");
            while (csv.nextRow()) {
                durationMs.putIfAbsent(FunctionTable.key(csv.field(app), csv.field(function)), csv.decimal(average));
            }
        }
    }

    private void readMemory(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (var csv = CsvLines.open(file)) {
            int app = csv.column("HashApp");
            int memory = csv.column("AverageAllocatedMb");
            var function = csv.optionalColumn("HashFunction");
            while (csv.nextRow()) {
                double mb = csv.decimal(memory);
                if (function.isPresent()) {
                    functionMemoryMb.putIfAbsent(FunctionTable.key(csv.field(app), csv.field(function.get())), mb);
                } else {
                    appMemoryMb.putIfAbsent(csv.field(app), mb);
                }
            }
        }
    }
}
