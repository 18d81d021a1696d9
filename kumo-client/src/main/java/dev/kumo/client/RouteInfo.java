package dev.kumo.client;

import dev.kumo.client.internal.EventWire;
import dev.kumo.client.internal.Wire;
import java.time.Instant;
import java.util.Objects;

/**
 * An HTTP route (function URL), served under the server's routes prefix ({@code /fn} by default).
 *
 * @param method    HTTP method in upper case, or {@code ANY}
 * @param path      pattern such as {@code /api/orders/{id}} or {@code /static/*}
 * @param function  function invoked
 * @param qualifier version or alias invoked
 * @param created   when it was created
 */
public record RouteInfo(String method, String path, String function, String qualifier, Instant created) {

    /** Rejects nulls. */
    public RouteInfo {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(created, "created");
    }

    /** This route in the API's JSON form, pretty-printed. */
    public String toJson() {
        return Wire.pretty(EventWire.toJson(this));
    }
}
