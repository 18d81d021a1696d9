package dev.kumo.sim.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

/** The trace formats the simulator reads, and detection of which one a path holds. */
public enum TraceFormat {
    /** Azure Functions 2019 per-minute counts: a directory, sample or per-day names. */
    AZURE2019,
    /** Azure Functions 2021 per-invocation records: a CSV file, or a directory holding exactly one. */
    AZURE2021,
    /** Whichever of the two {@code path} holds. */
    AUTO;

    /**
     * Reads the trace at {@code path} in this format ({@link #AUTO} detects it).
     *
     * @throws IllegalArgumentException when the path holds no trace of the format
     * @throws TraceFormatException     naming file, line and column for malformed content
     */
    public Trace read(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("trace not found: " + path);
        }
        return switch (this) {
            case AZURE2019 -> Azure2019Reader.read(path);
            case AZURE2021 -> Azure2021Reader.read(file2021(path), Azure2021Reader.DEFAULT_APP_MEMORY_MB);
            case AUTO -> detect(path).read(path);
        };
    }

    private static TraceFormat detect(Path path) {
        if (Files.isDirectory(path) && Azure2019Reader.recognizes(path)) {
            return AZURE2019;
        }
        if (Azure2021Reader.recognizes(file2021(path))) {
            return AZURE2021;
        }
        throw new IllegalArgumentException("no trace recognized at " + path + ": expected invocations.csv, "
                + "invocations_per_function_md.anon.dNN.csv, or a CSV with app,func,end_timestamp,duration");
    }

    private static Path file2021(Path path) {
        if (!Files.isDirectory(path)) {
            return path;
        }
        var candidates = new ArrayList<Path>();
        try (var files = Files.list(path)) {
            files.filter(Files::isRegularFile).filter(Azure2021Reader::recognizes).sorted().forEach(candidates::add);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + path + ": " + e.getMessage(), e);
        }
        if (candidates.size() != 1) {
            throw new IllegalArgumentException("expected one app,func,end_timestamp,duration CSV in " + path
                    + ", found " + candidates.size());
        }
        return candidates.getFirst();
    }
}
