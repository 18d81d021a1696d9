package dev.kumo.client;

import java.time.Instant;
import java.util.Objects;

/**
 * A namespace of the OpenWhisk-compatible API ({@code /api/v1/namespaces/{name}}), without its key.
 *
 * @param name    namespace name
 * @param uuid    the user part of its credentials
 * @param created when it was created
 */
public record NamespaceInfo(String name, String uuid, Instant created) {

    /** Rejects nulls. */
    public NamespaceInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(created, "created");
    }

    /** This namespace in the API's JSON form, pretty-printed. */
    public String toJson() {
        return dev.kumo.client.internal.Wire.pretty(dev.kumo.client.internal.NamespaceWire.toJson(this));
    }
}
