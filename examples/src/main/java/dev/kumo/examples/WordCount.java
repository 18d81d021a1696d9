package dev.kumo.examples;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A plain {@code java.util.function.Function}: counts words, {@code "a b a"} -> {@code {"a":2,"b":1}}. */
public final class WordCount implements Function<String, Map<String, Long>> {

    @Override
    public Map<String, Long> apply(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        return Arrays.stream(text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}']+"))
                .filter(w -> !w.isEmpty())
                .collect(Collectors.groupingBy(w -> w, TreeMap::new, Collectors.counting()));
    }
}
