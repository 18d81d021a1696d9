package dev.kumo.sim.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Streams a comma-separated file (no quoting, as in the Azure traces) one line at a time, remembering where it is so
 * that every parse error can name the file, line and column. Fields are found by offset, not split into strings, so
 * a 1,444-column row of counts costs no garbage.
 */
final class CsvLines implements AutoCloseable {

    private final Path file;
    private final BufferedReader reader;
    private final List<String> header;
    private long lineNumber;
    private String line = "";
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int fieldCount;

    private CsvLines(Path file) {
        this.file = file;
        try {
            this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            if (!next()) {
                throw error(0, "empty file: expected a header line");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        var names = new ArrayList<String>(fieldCount);
        for (int i = 0; i < fieldCount; i++) {
            names.add(field(i).strip());
        }
        this.header = List.copyOf(names);
    }

    /** Opens {@code file} and reads its header line. */
    static CsvLines open(Path file) {
        return new CsvLines(file);
    }

    Path file() {
        return file;
    }

    List<String> header() {
        return header;
    }

    /** The index of the header column {@code name}, failing with the file's position when it is missing. */
    int column(String name) {
        return optionalColumn(name).orElseThrow(() -> new TraceFormatException(file, 1, 0,
                "missing column '" + name + "' (header has " + header.size() + " columns)"));
    }

    Optional<Integer> optionalColumn(String name) {
        int index = header.indexOf(name);
        return index < 0 ? Optional.empty() : Optional.of(index);
    }

    /** Moves to the next non-blank line; false at the end of the file. */
    boolean next() throws IOException {
        String read;
        do {
            read = reader.readLine();
            if (read == null) {
                return false;
            }
            lineNumber++;
        } while (read.isBlank());
        line = read;
        split();
        return true;
    }

    /** Like {@link #next()}, checking the line has as many fields as the header. */
    boolean nextRow() throws IOException {
        if (!next()) {
            return false;
        }
        if (fieldCount != header.size()) {
            throw error(Math.min(fieldCount, header.size()) + 1,
                    "expected " + header.size() + " fields as in the header, found " + fieldCount);
        }
        return true;
    }

    String field(int index) {
        return line.substring(starts[index], ends[index]);
    }

    /** The field as a non-negative whole number ({@code 12} or {@code 12.0}). */
    long wholeNumber(int index) {
        long value = 0;
        int end = ends[index];
        int i = starts[index];
        if (i == end) {
            throw error(index + 1, "expected a whole number, found an empty field");
        }
        for (; i < end; i++) {
            char c = line.charAt(i);
            if (c >= '0' && c <= '9' && value < Long.MAX_VALUE / 10 - 10) {
                value = value * 10 + (c - '0');
            } else if (c == '.' && line.substring(i + 1, end).chars().allMatch(d -> d == '0')) {
                return value;
            } else {
                throw error(index + 1, "expected a whole number, found '" + field(index) + "'");
            }
        }
        return value;
    }

    /** The field as a finite, non-negative decimal number. */
    double decimal(int index) {
        try {
            double value = Double.parseDouble(field(index).strip());
            if (Double.isFinite(value) && value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the position
        }
        throw error(index + 1, "expected a non-negative number, found '" + field(index) + "'");
    }

    TraceFormatException error(int column, String problem) {
        return new TraceFormatException(file, lineNumber, column, problem);
    }

    private void split() {
        fieldCount = 0;
        int from = 0;
        while (true) {
            if (fieldCount == starts.length) {
                starts = java.util.Arrays.copyOf(starts, fieldCount * 2);
                ends = java.util.Arrays.copyOf(ends, fieldCount * 2);
            }
            int comma = line.indexOf(',', from);
            int end = comma < 0 ? line.length() : comma;
            starts[fieldCount] = from;
            ends[fieldCount] = end > from && line.charAt(end - 1) == '\r' ? end - 1 : end;
            fieldCount++;
            if (comma < 0) {
                return;
            }
            from = comma + 1;
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
