package dev.kumo.cli;

import dev.kumo.client.NamespaceInfo;
import dev.kumo.client.NamespaceKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code kumo namespace ...}: namespaces of the OpenWhisk-compatible API. {@code create} and {@code key} print the
 * {@code uuid:key} on standard output (the only time it is shown), so that a script can capture it.
 */
@Command(name = "namespace", description = "Manage the namespaces (and API keys) of the OpenWhisk-compatible API.")
final class NamespaceCommand extends CommandGroup {

    NamespaceCommand() {
        super("create, list, delete or key");
    }

    @Command(name = "create", description = "Create a namespace and print its uuid:key (shown only now).")
    int create(@Parameters(paramLabel = "NAME", description = "Namespace name: letters, digits, '_'.") String name) {
        return issued(root.client().namespaces().create(name), "Created namespace '" + name + "'");
    }

    @Command(name = "list", description = "List the namespaces (without keys).")
    int list() {
        return listed(root.client().namespaces().list(), NamespaceInfo::toJson, Table.of("NAME", "UUID", "CREATED"),
                (table, ns) -> table.row(ns.name(), ns.uuid(), Printer.time(ns.created())));
    }

    @Command(name = "delete", description = "Delete a namespace; its key stops working (its functions stay).")
    int delete(@Parameters(paramLabel = "NAME", description = "Namespace name.") String name) {
        root.client().namespaces().delete(name);
        return confirmed("Deleted namespace '" + name + "'");
    }

    @Command(name = "key",
            description = "Give a namespace a new key and print its uuid:key; the old one stops working.")
    int key(@Parameters(paramLabel = "NAME", description = "Namespace name.") String name) {
        return issued(root.client().namespaces().rotateKey(name), "New key for namespace '" + name + "'");
    }

    private int issued(NamespaceKey key, String message) {
        if (root.printer().json()) {
            root.printer().json(key.toJson());
        } else {
            root.printer().outcome(key.toJson(), key.auth());
            root.err().println(message + "; this is the only time its key is shown.");
        }
        return ExitCode.OK.code();
    }
}
