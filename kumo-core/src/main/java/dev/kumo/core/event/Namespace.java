package dev.kumo.core.event;

import dev.kumo.core.InvalidRequestException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * An OpenWhisk namespace: the owner of actions, triggers, rules and activations seen through the
 * OpenWhisk-compatible API, and the credentials that open it ({@code uuid:key} over HTTP basic auth). Only a
 * hash of the key is kept.
 *
 * @param name      the namespace name, as it appears in {@code /api/v1/namespaces/{name}}
 * @param uuid      the user part of the credentials
 * @param keySha256 SHA-256 of the key part, lower-case hex
 * @param created   when it was created
 */
public record Namespace(String name, String uuid, String keySha256, Instant created) implements Named {

    /** What a namespace name must match: no {@code -}, so that the Kumo names it prefixes stay unambiguous. */
    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9_]{0,31}";

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

    /** Validates the name and the credentials' shape. */
    public Namespace {
        InvalidRequestException.require(name != null && NAME.matcher(name).matches(), "name",
                "namespace name must match " + NAME_PATTERN + ", got '" + name + "'");
        InvalidRequestException.require(uuid != null && !uuid.isBlank() && !uuid.contains(":"), "uuid",
                "uuid must be non-blank and contain no ':'");
        InvalidRequestException.require(keySha256 != null && keySha256.matches("[0-9a-f]{64}"), "keySha256",
                "keySha256 must be 64 lower-case hex characters");
    }

    /** This namespace with other credentials. */
    public Namespace withCredentials(String newUuid, String newKeySha256) {
        return new Namespace(name, newUuid, newKeySha256, created);
    }
}
