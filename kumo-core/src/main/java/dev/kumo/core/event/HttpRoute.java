package dev.kumo.core.event;

import dev.kumo.core.Names;
import java.time.Instant;

/**
 * Maps an HTTP method and path pattern, served under the routes prefix, to a function (like a Lambda
 * function URL with a router in front). Patterns are literal segments, {@code {param}} segments and an
 * optional final {@code *} that matches the rest of the path.
 *
 * @param method    HTTP method in upper case, or {@code ANY}
 * @param path      pattern, starting with {@code /}, e.g. {@code /api/orders/{id}} or {@code /static/*}
 * @param function  function invoked
 * @param qualifier version or alias invoked
 * @param created   when it was created
 */
public record HttpRoute(String method, String path, String function, String qualifier, Instant created)
        implements Named {

    /** Validates the function name. */
    public HttpRoute {
        Names.function(function);
    }

    /** The key of a route: {@code METHOD path}. */
    @Override
    public String name() {
        return method + " " + path;
    }
}
