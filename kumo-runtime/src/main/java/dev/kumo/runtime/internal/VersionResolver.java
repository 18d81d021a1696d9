package dev.kumo.runtime.internal;

import dev.kumo.core.Alias;
import dev.kumo.core.FunctionVersion;
import dev.kumo.spi.store.AliasRegistry;
import dev.kumo.spi.store.FunctionRegistry;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Turns a qualifier ({@code $LATEST}, a version number or an alias) into the version that runs. Aliases with
 * a weighted second version draw a uniform number per invocation. The registries cache, so this runs per
 * request.
 */
public final class VersionResolver {

    private final FunctionRegistry functions;
    private final AliasRegistry aliases;
    private final DoubleSupplier uniform;

    /**
     * Creates a resolver.
     *
     * @param uniform draws from [0, 1) for weighted aliases
     */
    public VersionResolver(FunctionRegistry functions, AliasRegistry aliases, DoubleSupplier uniform) {
        this.functions = functions;
        this.aliases = aliases;
        this.uniform = uniform;
    }

    /** What a qualifier resolved to. */
    public sealed interface Resolution {
    }

    /** The version to run. */
    public record Found(FunctionVersion version) implements Resolution {
    }

    /** Nothing by that name; {@code message} says which part is missing. */
    public record Missing(String message) implements Resolution {
    }

    /** Resolves {@code qualifier} of {@code function}. */
    public Resolution resolve(String function, String qualifier) {
        if (FunctionVersion.LATEST.equals(qualifier)) {
            return found(functions.get(function, qualifier), function, qualifier);
        }
        if (isNumber(qualifier)) {
            Optional<FunctionVersion> version = functions.get(function, qualifier);
            return version.isPresent() ? new Found(version.get()) : missingVersion(function, qualifier);
        }
        Optional<Alias> alias = aliases.get(function, qualifier);
        if (alias.isEmpty()) {
            return functionExists(function)
                    ? new Missing("alias '" + qualifier + "' of function '" + function + "' not found")
                    : functionMissing(function);
        }
        String version = alias.get().route(uniform.getAsDouble());
        return found(functions.get(function, version), function, version);
    }

    private Resolution found(Optional<FunctionVersion> version, String function, String qualifier) {
        if (version.isPresent()) {
            return new Found(version.get());
        }
        return FunctionVersion.LATEST.equals(qualifier) ? functionMissing(function) : missingVersion(function, qualifier);
    }

    private Resolution missingVersion(String function, String version) {
        return functionExists(function)
                ? new Missing("version '" + version + "' of function '" + function + "' not found")
                : functionMissing(function);
    }

    private boolean functionExists(String function) {
        return functions.get(function, FunctionVersion.LATEST).isPresent();
    }

    private static Missing functionMissing(String function) {
        return new Missing("function '" + function + "' not found");
    }

    private static boolean isNumber(String qualifier) {
        for (int i = 0; i < qualifier.length(); i++) {
            char c = qualifier.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !qualifier.isEmpty();
    }
}
