package dev.kumo.core;

import java.time.Instant;

/**
 * One runnable version of a function: {@code $LATEST} (the draft, updated in place) or a published,
 * immutable version numbered 1, 2, ...
 *
 * @param function name of the function
 * @param version  {@link #LATEST} or a decimal version number
 * @param config   configuration snapshot
 * @param code     the code this version runs
 * @param modified when this version was created (published) or last updated ($LATEST)
 * @param revision increases on every update of $LATEST; lets the instance pool tell stale instances apart
 */
public record FunctionVersion(String function, String version, FunctionConfig config, CodeRef code,
                              Instant modified, long revision) {

    /** The name of the draft version. */
    public static final String LATEST = "$LATEST";

    /** Validates the names. */
    public FunctionVersion {
        Names.function(function);
        if (!LATEST.equals(version) && !version.matches("[1-9][0-9]*")) {
            throw new IllegalArgumentException("bad version " + version);
        }
    }

    /** Identifies this exact code and config, for instance pooling. */
    public String instanceKey() {
        return function + ":" + version + ":" + revision;
    }
}
