package dev.kumo.client;

import dev.kumo.client.internal.NamespaceWire;
import dev.kumo.client.internal.RequestTarget;
import dev.kumo.client.internal.Transport;
import dev.kumo.client.internal.Wire;
import java.util.List;
import java.util.Objects;

/**
 * Namespaces of the OpenWhisk-compatible API ({@code /v1/namespaces}): create one (its {@code uuid:key} is
 * answered this once), list, delete, and rotate a key. Get one from {@link KumoClient#namespaces()};
 * thread-safe.
 */
public final class NamespaceClient {

    private final Transport transport;

    NamespaceClient(Transport transport) {
        this.transport = transport;
    }

    /** Creates a namespace; 409 when it exists. */
    public NamespaceKey create(String name) {
        return NamespaceWire.key(Wire.parse(transport.call("PUT", target(name), "application/json", new byte[0])
                .body(), "namespace"));
    }

    /** One namespace. */
    public NamespaceInfo get(String name) {
        return NamespaceWire.namespace(Wire.parse(transport.call("GET", target(name)).body(), "namespace"));
    }

    /** Every namespace, in name order. */
    public List<NamespaceInfo> list() {
        return NamespaceWire.namespaces(Wire.parse(transport.call("GET", RequestTarget.of("v1", "namespaces"))
                .body(), "namespaces"));
    }

    /** Deletes a namespace; its key stops working (its functions stay). */
    public void delete(String name) {
        transport.call("DELETE", target(name));
    }

    /** Gives a namespace new credentials; the old ones stop working at once. */
    public NamespaceKey rotateKey(String name) {
        return NamespaceWire.key(Wire.parse(transport.call("POST", RequestTarget.of("v1", "namespaces",
                Objects.requireNonNull(name, "name"), "key"), "application/json",
                new byte[0]).body(), "namespace key"));
    }

    private static RequestTarget target(String name) {
        return RequestTarget.of("v1", "namespaces", Objects.requireNonNull(name, "name"));
    }
}
