package dev.kumo.server.routes;

import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Names;
import dev.kumo.server.http.ApiException;
import dev.kumo.spi.store.Store;

/** The lookups the function sub-resources share: a function must exist before its versions or aliases do. */
final class Functions {

    private Functions() {
    }

    /** Validates {@code name} and answers 404 unless the function exists. */
    static String existing(Store store, String name) {
        Names.function(name);
        if (store.functions().get(name, FunctionVersion.LATEST).isEmpty()) {
            throw ApiException.notFound("function '" + name + "' not found");
        }
        return name;
    }
}
