package dev.kumo.workflow.internal;

import dev.kumo.workflow.Step;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Evaluates the rules of a choice step. */
final class Choices {

    private Choices() {
    }

    /** The successor the first matching rule names, else the default; empty when neither. */
    static Optional<String> pick(Step.Choice choice, JsonNode input) {
        for (var rule : choice.rules()) {
            var actual = rule.path().select(input);
            if (actual.isPresent() && matches(rule.op(), actual.get(), WorkflowJson.MAPPER.readTree(rule.value()))) {
                return Optional.of(rule.next());
            }
        }
        return choice.otherwise();
    }

    static boolean matches(Step.Op op, JsonNode actual, JsonNode expected) {
        if (actual.isNumber() && expected.isNumber()) {
            int c = actual.decimalValue().compareTo(expected.decimalValue());
            return switch (op) {
                case GT -> c > 0;
                case GE -> c >= 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case EQ -> c == 0;
                case NE -> c != 0;
            };
        }
        return switch (op) {
            case EQ -> actual.equals(expected);
            case NE -> !actual.equals(expected);
            case GT, GE, LT, LE -> false;
        };
    }
}
