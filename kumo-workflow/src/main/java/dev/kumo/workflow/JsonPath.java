package dev.kumo.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The small JSON path subset steps use to pick part of their input: {@code $} (the whole value), then any
 * number of {@code .field} and {@code [index]} selectors, such as {@code $.items} or {@code $.a[0].b}.
 *
 * @param text      the path as written
 * @param selectors field names (String) and indexes (Integer), in order
 */
public record JsonPath(String text, List<Object> selectors) {

    /** The whole value. */
    public static final JsonPath ROOT = new JsonPath("$", List.of());

    private static final Pattern SELECTOR = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_-]*)|\\[(0|[1-9][0-9]{0,8})]");

    /** Copies the selectors. */
    public JsonPath {
        selectors = List.copyOf(selectors);
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming what is wrong when it is not a path of the subset
     */
    public static JsonPath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("a path starts with '$', got '" + text + "'");
        }
        var out = new ArrayList<Object>();
        var m = SELECTOR.matcher(text);
        int at = 1;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("bad path '" + text + "' at position " + at
                        + ": expected .field or [index]");
            }
            out.add(m.group(1) != null ? m.group(1) : (Object) Integer.parseInt(m.group(2)));
            at = m.end();
        }
        return new JsonPath(text, out);
    }

    /** The part of {@code value} this path selects; empty when a field or index is missing. */
    public Optional<JsonNode> select(JsonNode value) {
        JsonNode at = value;
        for (var s : selectors) {
            if (at == null) {
                return Optional.empty();
            }
            at = s instanceof Integer i ? (at.isArray() ? at.get(i) : null) : (at.isObject() ? at.get((String) s) : null);
        }
        return Optional.ofNullable(at);
    }

    @Override
    public String toString() {
        return text;
    }
}
