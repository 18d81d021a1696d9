package dev.kumo.core.event;

import java.time.Instant;

/**
 * What the OpenWhisk-compatible API keeps about an action or trigger beyond the Kumo function or trigger
 * it maps onto: default parameters, annotations, the entity's semantic version and how its code was given.
 *
 * @param name        {@code action:} or {@code trigger:} followed by the Kumo function or trigger name
 * @param kind        the exec kind the client sent ({@code java:default}, {@code nodejs:20}...), empty for a trigger
 * @param main        the entry point the client sent, empty when none
 * @param binary      whether the code was given as base64
 * @param parameters  default parameters as a JSON array of {@code {"key","value"}}
 * @param annotations annotations as a JSON array of {@code {"key","value"}}
 * @param revision    bumped on every update; the version is {@code 0.0.revision}
 * @param publish     the client's {@code publish} flag
 * @param logsKb      the {@code limits.logs} the client set
 * @param updated     when it last changed
 */
public record WhiskEntity(String name, String kind, String main, boolean binary, String parameters,
                          String annotations, int revision, boolean publish, int logsKb, Instant updated)
        implements Named {

    /** Replaces nulls with empty values. */
    public WhiskEntity {
        kind = kind == null ? "" : kind;
        main = main == null ? "" : main;
        parameters = parameters == null || parameters.isBlank() ? "[]" : parameters;
        annotations = annotations == null || annotations.isBlank() ? "[]" : annotations;
    }

    /** The semantic version OpenWhisk shows, {@code 0.0.revision}. */
    public String version() {
        return "0.0." + revision;
    }
}
