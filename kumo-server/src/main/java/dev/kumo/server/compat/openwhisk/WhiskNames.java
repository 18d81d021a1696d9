package dev.kumo.server.compat.openwhisk;

import dev.kumo.core.Names;
import dev.kumo.core.event.Namespace;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps OpenWhisk entity names onto Kumo names: an entity of {@code guest} keeps its name, an entity of any
 * other namespace {@code ns} becomes {@code ns--name}. Entity names therefore never contain {@code --}, and
 * namespace names never contain {@code -}, so the mapping is one-to-one and every mapped name is a valid
 * Kumo function, trigger or rule name.
 */
final class WhiskNames {

    /** Joins a namespace and an entity name in a Kumo name. */
    static final String SEPARATOR = "--";

    private static final Pattern ENTITY = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_]|-(?!-))*");

    private WhiskNames() {
    }

    /** A namespace and an entity name in it. */
    record Qualified(String namespace, String name) {

        /** The Kumo name of the entity. */
        String kumo() {
            return WhiskNames.kumo(namespace, name);
        }

        /** {@code namespace/name}, as OpenWhisk writes paths in records. */
        String path() {
            return namespace + "/" + name;
        }
    }

    /** The Kumo name of entity {@code name} of {@code namespace}; a 400 for a name Kumo cannot hold. */
    static String kumo(String namespace, String name) {
        if (name == null || !ENTITY.matcher(name).matches()) {
            throw WhiskException.badRequest("The name '" + name + "' is not valid here: Kumo entity names start "
                    + "with a letter or digit and contain only letters, digits, '_' and single '-'.");
        }
        String kumo = Namespaces.GUEST.equals(namespace) ? name : namespace + SEPARATOR + name;
        if (!kumo.matches(Names.FUNCTION_PATTERN)) {
            throw WhiskException.badRequest("The name '" + name + "' is too long for namespace '" + namespace
                    + "': namespace and name together may have at most 62 characters.");
        }
        return kumo;
    }

    /** The entity name of Kumo name {@code kumo} when it belongs to {@code namespace}. */
    static Optional<String> entity(String namespace, String kumo) {
        if (Namespaces.GUEST.equals(namespace)) {
            return kumo.contains(SEPARATOR) ? Optional.empty() : Optional.of(kumo);
        }
        String prefix = namespace + SEPARATOR;
        return kumo.startsWith(prefix) ? Optional.of(kumo.substring(prefix.length())) : Optional.empty();
    }

    /** The namespace and entity name of a Kumo name. */
    static Qualified owner(String kumo) {
        int sep = kumo.indexOf(SEPARATOR);
        return sep < 0 ? new Qualified(Namespaces.GUEST, kumo)
                : new Qualified(kumo.substring(0, sep), kumo.substring(sep + SEPARATOR.length()));
    }

    /**
     * Resolves a namespace in a path or name: {@code _} is the caller's own; any other must be it too (a 403
     * otherwise, as OpenWhisk answers for another namespace).
     */
    static String namespace(String given, Namespace caller) {
        if (given.equals("_") || given.equals(caller.name())) {
            return caller.name();
        }
        throw new WhiskException(io.netty.handler.codec.http.HttpResponseStatus.FORBIDDEN,
                "The supplied authentication is not authorized to access '" + given + "'.");
    }

    /**
     * Parses a fully qualified name from a body ({@code /ns/name}, {@code /_/name}, {@code ns/name} or a bare
     * {@code name} in the caller's namespace); packages ({@code /ns/pkg/name}) are refused with a 400.
     */
    static Qualified parse(String field, String value, Namespace caller) {
        if (value == null || value.isBlank()) {
            throw WhiskException.badRequest("The field '" + field + "' is required.");
        }
        String v = value.startsWith("/") ? value.substring(1) : value;
        String[] parts = v.split("/", -1);
        return switch (parts.length) {
            case 1 -> new Qualified(caller.name(), checked(parts[0]));
            case 2 -> new Qualified(namespace(parts[0], caller), checked(parts[1]));
            default -> throw WhiskException.badRequest("The field '" + field + "' names '" + value
                    + "': packages are not supported by Kumo; use /namespace/name.");
        };
    }

    private static String checked(String name) {
        kumo(Namespaces.GUEST, name);
        return name;
    }
}
