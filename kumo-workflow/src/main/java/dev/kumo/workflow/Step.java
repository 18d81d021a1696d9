package dev.kumo.workflow;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One step of a workflow. Every step but a {@link Choice} names its successor, or none when it ends its scope. */
public sealed interface Step {

    /** The successor in the same scope; empty when the step ends it. */
    Optional<String> next();

    /** Calls one function. */
    static Task task(String function) {
        return new Task(function, "$LATEST", JsonPath.ROOT, Retry.NONE, Optional.empty(), false, Optional.empty());
    }

    /** Calls {@code function} once per element of the array at {@code itemsPath}. */
    static MapStep map(String itemsPath, String function) {
        return new MapStep(JsonPath.parse(itemsPath), function, "$LATEST", Optional.empty(), 0, Retry.NONE,
                Optional.empty(), false, Optional.empty());
    }

    /** Runs {@code branches} at once on the same input. */
    static Parallel parallel(List<Workflow> branches) {
        return new Parallel(branches, Optional.empty());
    }

    /**
     * Calls a function on the part of the input at {@code inputPath}; its output is the step's output.
     *
     * @param function  function name
     * @param qualifier version or alias
     * @param inputPath what part of the step's input the function gets
     * @param retry     tries and backoff
     * @param timeout   a deadline for each try, earlier than the function's own
     * @param memoize   whether a result stored for the same function version and input is reused
     * @param next      successor
     */
    record Task(String function, String qualifier, JsonPath inputPath, Retry retry, Optional<Duration> timeout,
                boolean memoize, Optional<String> next) implements Step {

        /** A copy with successor {@code step}. */
        public Task then(String step) {
            return new Task(function, qualifier, inputPath, retry, timeout, memoize, Optional.of(step));
        }

        /** A copy with {@code retry}. */
        public Task withRetry(Retry value) {
            return new Task(function, qualifier, inputPath, value, timeout, memoize, next);
        }

        /** A copy with a per-try {@code value} timeout. */
        public Task withTimeout(Duration value) {
            return new Task(function, qualifier, inputPath, retry, Optional.of(value), memoize, next);
        }

        /** A copy that reuses stored results when {@code value} (see {@link #memoize()}). */
        public Task withMemoize(boolean value) {
            return new Task(function, qualifier, inputPath, retry, timeout, value, next);
        }

        /** A copy with input path {@code path}. */
        public Task withInputPath(String path) {
            return new Task(function, qualifier, JsonPath.parse(path), retry, timeout, memoize, next);
        }
    }

    /**
     * Calls a function once per element of an array (the PyWren pattern); the output is the array of results
     * in element order.
     *
     * @param itemsPath      where the array is in the input
     * @param function       function name
     * @param qualifier      version or alias
     * @param itemField      when present, each element is passed as {@code {itemField: element}}
     * @param maxConcurrency most elements running at once; 0 for no bound
     * @param retry          tries and backoff of each element
     * @param timeout        a deadline for each try
     * @param memoize        whether a result stored for the same function version and element is reused
     * @param next           successor
     */
    record MapStep(JsonPath itemsPath, String function, String qualifier, Optional<String> itemField,
                   int maxConcurrency, Retry retry, Optional<Duration> timeout, boolean memoize,
                   Optional<String> next)
            implements Step {

        /** A copy with successor {@code step}. */
        public MapStep then(String step) {
            return new MapStep(itemsPath, function, qualifier, itemField, maxConcurrency, retry, timeout,
                    memoize, Optional.of(step));
        }

        /** A copy that wraps each element as {@code {field: element}}. */
        public MapStep withItemField(String field) {
            return new MapStep(itemsPath, function, qualifier, Optional.of(field), maxConcurrency, retry, timeout,
                    memoize, next);
        }

        /** A copy running at most {@code value} elements at once. */
        public MapStep withMaxConcurrency(int value) {
            return new MapStep(itemsPath, function, qualifier, itemField, value, retry, timeout, memoize, next);
        }

        /** A copy with {@code value} retries per element. */
        public MapStep withRetry(Retry value) {
            return new MapStep(itemsPath, function, qualifier, itemField, maxConcurrency, value, timeout, memoize,
                    next);
        }

        /** A copy that reuses stored results of elements when {@code value} (see {@link #memoize()}). */
        public MapStep withMemoize(boolean value) {
            return new MapStep(itemsPath, function, qualifier, itemField, maxConcurrency, retry, timeout, value,
                    next);
        }
    }

    /**
     * Runs each branch (a workflow of its own) on the step's input; the output is the array of the
     * branches' outputs, in branch order (the fan-in).
     *
     * @param branches the branches
     * @param next     successor
     */
    record Parallel(List<Workflow> branches, Optional<String> next) implements Step {

        /** Copies the branches. */
        public Parallel {
            branches = List.copyOf(branches);
        }

        /** A copy with successor {@code step}. */
        public Parallel then(String step) {
            return new Parallel(branches, Optional.of(step));
        }
    }

    /**
     * Picks the successor: the first rule that matches the input, else {@code otherwise}. The input passes
     * on unchanged.
     *
     * @param rules     tried in order
     * @param otherwise successor when none matches; when empty, no match fails the run
     */
    record Choice(List<Rule> rules, Optional<String> otherwise) implements Step {

        /** Copies the rules. */
        public Choice {
            rules = List.copyOf(rules);
        }

        @Override
        public Optional<String> next() {
            return Optional.empty();
        }
    }

    /**
     * One rule of a {@link Choice}: {@code path op value}.
     *
     * @param path  what part of the input is compared
     * @param op    the comparison
     * @param value JSON text compared with
     * @param next  successor when it matches
     */
    record Rule(JsonPath path, Op op, String value, String next) {
    }

    /** Comparisons of a {@link Rule}; numbers compare by value, other JSON only by {@code eq}/{@code ne}. */
    enum Op {
        /** Greater than. */
        GT,
        /** Greater or equal. */
        GE,
        /** Less than. */
        LT,
        /** Less or equal. */
        LE,
        /** Equal. */
        EQ,
        /** Not equal. */
        NE
    }
}
