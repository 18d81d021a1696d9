package dev.kumo.sim.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * Reads the Azure Functions 2021 per-invocation format: a CSV with columns {@code app,func,end_timestamp,duration}
 * (seconds); an invocation starts at {@code end_timestamp - duration}. That trace has no memory, so every app is
 * charged the same {@code appMemoryMb}, which leaves normalized wasted memory meaningful.
 */
public final class Azure2021Reader {

    /** The memory charged per app when the trace has none: 128 MB. */
    public static final double DEFAULT_APP_MEMORY_MB = 128;

    private Azure2021Reader() {
    }

    /** Whether {@code file}'s header names the 2021 columns. */
    public static boolean recognizes(Path file) {
        try (var csv = CsvLines.open(file)) {
            return csv.header().containsAll(List.of("app", "func", "end_timestamp", "duration"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Reads {@code file}, charging each app {@code appMemoryMb}.
     *
     * @throws TraceFormatException naming file, line and column for malformed content
     */
    public static InvocationListTrace read(Path file, double appMemoryMb) {
        var appIds = new HashMap<String, Integer>();
        var apps = new ArrayList<TraceApp>();
        int[] app = new int[1024];
        long[] start = new long[1024];
        long[] duration = new long[1024];
        int size = 0;
        try (var csv = CsvLines.open(file)) {
            int appColumn = csv.column("app");
            int end = csv.column("end_timestamp");
            int durationColumn = csv.column("duration");
            while (csv.nextRow()) {
                if (size == app.length) {
                    app = Arrays.copyOf(app, size * 2);
                    start = Arrays.copyOf(start, size * 2);
                    duration = Arrays.copyOf(duration, size * 2);
                }
                var name = csv.field(appColumn);
                app[size] = appIds.computeIfAbsent(name, n -> {
                    apps.add(new TraceApp(n, appMemoryMb));
                    return apps.size() - 1;
                });
                long endMs = Math.round(csv.decimal(end) * 1000);
                duration[size] = Math.round(csv.decimal(durationColumn) * 1000);
                start[size] = endMs - duration[size];
                size++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return InvocationListTrace.of(apps, Arrays.copyOf(app, size), Arrays.copyOf(start, size),
                Arrays.copyOf(duration, size));
    }
}
