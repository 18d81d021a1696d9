package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The mapper of the {@code word-count-mr} workflow: {@code {"text": "To be, or not to be"}} ->
 * {@code {"counts": {"be": 2, "not": 1, "or": 1, "to": 2}}}. Words are lower-cased runs of letters; everything
 * else separates them.
 */
public final class CountWords implements Handler<CountWords.Input, Map<String, Map<String, Long>>> {

    private static final Pattern NON_LETTERS = Pattern.compile("\\P{L}+");

    /** One document. */
    public record Input(String text) {
    }

    @Override
    public Map<String, Map<String, Long>> handle(Input input, Context ctx) {
        if (input == null || input.text() == null) {
            throw new IllegalArgumentException("expected {\"text\": \"...\"}");
        }
        if (input.text().length() > SplitDocuments.MAX_CHARS) {
            throw new IllegalArgumentException("text has " + input.text().length() + " characters, more than "
                    + SplitDocuments.MAX_CHARS);
        }
        var counts = new TreeMap<String, Long>();
        for (String word : NON_LETTERS.split(input.text().toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty()) {
                counts.merge(word, 1L, Long::sum);
            }
        }
        return Map.of("counts", counts);
    }
}
