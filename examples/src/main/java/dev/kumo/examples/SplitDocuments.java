package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The first step of the {@code word-count-mr} workflow: checks {@code {"documents": [...]}} (at most
 * {@value #MAX_DOCUMENTS} documents of at most {@value #MAX_CHARS} characters each) and passes it on, or turns
 * {@code {"n": N}} into N synthetic documents cut from a fixed corpus, so the {@code map} step that follows
 * never starts on input it would refuse half-way.
 */
public final class SplitDocuments implements Handler<SplitDocuments.Input, Map<String, List<String>>> {

    /** The most documents one run takes. */
    static final int MAX_DOCUMENTS = 1_000;
    /** The longest document, in characters. */
    static final int MAX_CHARS = 100_000;

    private static final String[] CORPUS = {
        "It was the best of times, it was the worst of times, it was the age of wisdom",
        "it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity",
        "Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my purse",
        "In a hole in the ground there lived a hobbit. Not a nasty, dirty, wet hole",
        "The sky above the port was the color of television, tuned to a dead channel",
    };

    /** The request: either documents, or a number of synthetic ones to generate. */
    public record Input(List<String> documents, Integer n) {
    }

    @Override
    public Map<String, List<String>> handle(Input input, Context ctx) {
        if (input == null || (input.documents() == null) == (input.n() == null)) {
            throw new IllegalArgumentException("expected {\"documents\": [\"text\", ...]} or {\"n\": N}, not both");
        }
        if (input.n() != null) {
            int n = input.n();
            if (n < 0 || n > MAX_DOCUMENTS) {
                throw new IllegalArgumentException("n must be between 0 and " + MAX_DOCUMENTS + ", got " + n);
            }
            var documents = new ArrayList<String>(n);
            for (int i = 0; i < n; i++) {
                documents.add(CORPUS[i % CORPUS.length]);
            }
            return Map.of("documents", documents);
        }
        var documents = input.documents();
        if (documents.size() > MAX_DOCUMENTS) {
            throw new IllegalArgumentException("at most " + MAX_DOCUMENTS + " documents, got " + documents.size());
        }
        for (int i = 0; i < documents.size(); i++) {
            String text = documents.get(i);
            if (text == null) {
                throw new IllegalArgumentException("documents[" + i + "] is null");
            }
            if (text.length() > MAX_CHARS) {
                throw new IllegalArgumentException("documents[" + i + "] has " + text.length()
                        + " characters, more than " + MAX_CHARS);
            }
        }
        return Map.of("documents", documents);
    }
}
