package dev.kumo.workflow;

import dev.kumo.workflow.internal.WorkflowJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A workflow, or one branch of a parallel step: the first step and every step by name. Build one with
 * {@link #builder()} or read it from JSON with {@link #parse}; both check only the shape, {@link
 * WorkflowRuntime#put} also checks that the functions exist.
 *
 * @param startAt the first step
 * @param steps   steps by name, in definition order
 */
public record Workflow(String startAt, Map<String, Step> steps) {

    /** Copies the steps, keeping their order. */
    public Workflow {
        steps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses and validates the JSON form.
     *
     * @throws dev.kumo.core.InvalidRequestException naming the field (such as {@code steps.fan.itemsPath})
     *                                               when it is malformed, names unknown steps or has a cycle
     */
    public static Workflow parse(String json) {
        return WorkflowJson.parse(json);
    }

    /** The JSON form. */
    public String toJson() {
        return WorkflowJson.write(this);
    }

    /** Builds a {@link Workflow}; {@link #build} validates it like {@link #parse}. */
    public static final class Builder {

        private String startAt;
        private final Map<String, Step> steps = new LinkedHashMap<>();

        private Builder() {
        }

        /** Sets the first step. */
        public Builder startAt(String name) {
            this.startAt = name;
            return this;
        }

        /** Adds a step; the first one added is the first step unless {@link #startAt} says otherwise. */
        public Builder step(String name, Step step) {
            if (startAt == null) {
                startAt = name;
            }
            steps.put(name, step);
            return this;
        }

        /** The workflow, validated (through its JSON form, so both paths check the same rules). */
        public Workflow build() {
            return parse(WorkflowJson.write(new Workflow(startAt == null ? "" : startAt, steps)));
        }
    }
}
