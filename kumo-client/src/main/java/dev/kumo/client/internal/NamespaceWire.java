package dev.kumo.client.internal;

import static dev.kumo.client.internal.Wire.instant;
import static dev.kumo.client.internal.Wire.requireObject;
import static dev.kumo.client.internal.Wire.text;

import dev.kumo.client.NamespaceInfo;
import dev.kumo.client.NamespaceKey;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The wire JSON of {@code /v1/namespaces}. */
public final class NamespaceWire {

    private NamespaceWire() {
    }

    /** Reads a namespace. */
    public static NamespaceInfo namespace(JsonNode node) {
        String what = "namespace";
        requireObject(node, what);
        return new NamespaceInfo(text(node, "name", what), text(node, "uuid", what), instant(node, "created", what));
    }

    /** Reads the list of namespaces. */
    public static List<NamespaceInfo> namespaces(JsonNode node) {
        requireObject(node, "namespaces");
        var items = new ArrayList<NamespaceInfo>();
        node.path("items").forEach(n -> items.add(namespace(n)));
        return items;
    }

    /** A namespace in the API's JSON form. */
    public static JsonNode toJson(NamespaceInfo ns) {
        return Wire.object().put("name", ns.name()).put("uuid", ns.uuid()).put("created", ns.created().toString());
    }

    /** Credentials in the API's JSON form. */
    public static JsonNode toJson(NamespaceKey key) {
        return Wire.object().put("name", key.name()).put("uuid", key.uuid()).put("auth", key.auth());
    }

    /** Reads credentials answered on create or key rotation. */
    public static NamespaceKey key(JsonNode node) {
        String what = "namespace key";
        requireObject(node, what);
        return new NamespaceKey(text(node, "name", what), text(node, "uuid", what), text(node, "auth", what));
    }
}
