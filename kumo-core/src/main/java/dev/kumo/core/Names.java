package dev.kumo.core;

import java.util.regex.Pattern;

/** Validation rules for the names users choose: functions and aliases. */
public final class Names {

    /** What a function name must match. */
    public static final String FUNCTION_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";

    private static final Pattern FUNCTION = Pattern.compile(FUNCTION_PATTERN);
    private static final Pattern ALIAS = Pattern.compile("(?!^[0-9]+$)[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private Names() {
    }

    /** Throws {@link InvalidRequestException} unless {@code name} is a valid function name. */
    public static String function(String name) {
        InvalidRequestException.require(name != null && FUNCTION.matcher(name).matches(), "name",
                "function name must match [A-Za-z0-9][A-Za-z0-9_-]{0,63}, got '" + name + "'");
        return name;
    }

    /** Throws {@link InvalidRequestException} unless {@code name} is a valid alias name (not all digits). */
    public static String alias(String name) {
        InvalidRequestException.require(name != null && ALIAS.matcher(name).matches(), "alias",
                "alias name must match [A-Za-z0-9][A-Za-z0-9_-]{0,127} and not be all digits, got '" + name + "'");
        return name;
    }

    /**
     * Throws {@link InvalidRequestException} (naming {@code field}) unless {@code name} is a valid name of a
     * schedule, trigger or rule: the same rule as function names.
     */
    public static String resource(String field, String name) {
        InvalidRequestException.require(name != null && FUNCTION.matcher(name).matches(), field,
                field + " must match " + FUNCTION_PATTERN + ", got '" + name + "'");
        return name;
    }
}
