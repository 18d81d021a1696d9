package dev.kumo.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Writes command results to standard output, either for people (tables, aligned fields) or, with {@code --json},
 * as pretty-printed JSON in the API's wire form. Lists become JSON arrays.
 */
final class Printer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PrintStream out;
    private final boolean json;

    Printer(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    void line(String text) {
        out.println(text);
    }

    void table(Table table) {
        out.print(table.render());
    }

    /** Label-value lines with the values aligned. */
    void fields(Map<String, String> fields) {
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        fields.forEach((label, value) ->
                out.println((label + " ".repeat(width - label.length() + 2) + value).stripTrailing()));
    }

    /** One record's JSON, as produced by its {@code toJson()}. */
    void json(String pretty) {
        out.println(pretty);
    }

    /** Several records' JSON as one array. */
    void jsonArray(List<String> items) {
        ArrayNode array = JSON.createArrayNode();
        items.forEach(item -> array.add(JSON.readTree(item)));
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
    }

    /**
     * Prints a listing: a JSON array of each item's wire form with {@code --json}, else {@code table} with one
     * row per item.
     */
    <T> void list(List<T> items, Function<T, String> toJson, Table table, BiConsumer<Table, T> row) {
        if (json) {
            jsonArray(items.stream().map(toJson).toList());
        } else {
            items.forEach(item -> row.accept(table, item));
            table(table);
        }
    }

    /** The outcome of a change: the record's JSON with {@code --json}, else {@code message} for people. */
    void outcome(String json, String message) {
        out.println(this.json ? json : message);
    }

    /** One record: its wire JSON with {@code --json}, else its label-value lines (built only then). */
    void record(String json, Supplier<Map<String, String>> fields) {
        if (this.json) {
            out.println(json);
        } else {
            fields(fields.get());
        }
    }

    /** A confirmation for people; with {@code --json} nothing is printed (the exit code says it all). */
    void confirm(String message) {
        if (!json) {
            out.println(message);
        }
    }

    /** Pretty-prints any JSON tree. */
    void json(JsonNode node) {
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String millis(double ms) {
        return String.format(Locale.ROOT, "%.1f", ms);
    }

    static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    static String pairs(Map<String, ?> map) {
        return new TreeMap<>(map).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static String shortSha(String sha) {
        return sha.length() <= 12 ? sha : sha.substring(0, 12);
    }
}
