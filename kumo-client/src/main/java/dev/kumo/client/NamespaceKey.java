package dev.kumo.client;

import java.util.Objects;

/**
 * Credentials of a namespace, as answered once when it is created or its key is rotated.
 *
 * @param name namespace name
 * @param uuid the user part of the credentials
 * @param auth {@code uuid:key}, what OpenWhisk clients take as their API key (HTTP basic auth)
 */
public record NamespaceKey(String name, String uuid, String auth) {

    /** Rejects nulls. */
    public NamespaceKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(auth, "auth");
    }

    /** These credentials in the API's JSON form, pretty-printed. */
    public String toJson() {
        return dev.kumo.client.internal.Wire.pretty(dev.kumo.client.internal.NamespaceWire.toJson(this));
    }
}
