package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reducer of the {@code word-count-mr} workflow: merges the mappers' {@code [{"counts": {...}}, ...]} into
 * {@code {"words": total, "distinct": k, "top": [["the", 12], ...]}}, the {@value #TOP} most frequent words,
 * most frequent first and ties in alphabetical order.
 */
public final class MergeCounts implements Handler<List<MergeCounts.Partial>, MergeCounts.Output> {

    /** How many words {@code top} lists. */
    static final int TOP = 10;

    /** One mapper's output. */
    public record Partial(Map<String, Long> counts) {
    }

    /** The totals. */
    public record Output(long words, int distinct, List<List<Object>> top) {
    }

    @Override
    public Output handle(List<Partial> input, Context ctx) {
        if (input == null) {
            throw new IllegalArgumentException("expected an array of {\"counts\": {word: n}}");
        }
        var totals = new HashMap<String, Long>();
        long words = 0;
        for (int i = 0; i < input.size(); i++) {
            var partial = input.get(i);
            if (partial == null || partial.counts() == null) {
                throw new IllegalArgumentException("element " + i + " is not {\"counts\": {word: n}}");
            }
            for (var e : partial.counts().entrySet()) {
                if (e.getValue() == null || e.getValue() < 0) {
                    throw new IllegalArgumentException("element " + i + ": count of '" + e.getKey()
                            + "' must be a non-negative number, got " + e.getValue());
                }
                totals.merge(e.getKey(), e.getValue(), Long::sum);
                words += e.getValue();
            }
        }
        List<List<Object>> top = totals.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .map(e -> List.<Object>of(e.getKey(), e.getValue()))
                .toList();
        return new Output(words, totals.size(), top);
    }
}
