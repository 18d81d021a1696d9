package dev.kumo.cli;

import dev.kumo.client.RouteInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kumo route ...}: HTTP routes (function URLs) served under the server's routes prefix. */
@Command(name = "route", description = "Manage HTTP routes (function URLs).")
final class RouteCommand extends CommandGroup {

    RouteCommand() {
        super("put, list or delete");
    }

    @Command(name = "put", description = "Create or replace the route of a method and path pattern.")
    int put(@Option(names = "--method", required = true, paramLabel = "M",
                    description = "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY.") String method,
            @Option(names = "--path", required = true, paramLabel = "PATTERN",
                    description = "Path pattern: literal segments, {param} segments, an optional final *.")
            String path,
            @Option(names = "--function", required = true, paramLabel = "F", description = "Function invoked.")
            String function,
            @Option(names = {"-q", "--qualifier"}, paramLabel = "Q", description = "Version or alias "
                    + "(default $LATEST).") String qualifier) {
        RouteInfo r = qualifier == null ? root.client().routes().put(method, path, function)
                : root.client().routes().put(method, path, function, qualifier);
        return changed(r.toJson(), "Route " + r.method() + " " + r.path() + " -> " + r.function()
                + " (" + r.qualifier() + ")");
    }

    @Command(name = "list", description = "List all routes.")
    int list() {
        return listed(root.client().routes().listAll(), RouteInfo::toJson,
                Table.of("METHOD", "PATH", "FUNCTION", "QUALIFIER", "CREATED"),
                (table, r) -> table.row(r.method(), r.path(), r.function(), r.qualifier(), Printer.time(r.created())));
    }

    @Command(name = "delete", description = "Delete the route of a method and path pattern.")
    int delete(@Option(names = "--method", required = true, paramLabel = "M", description = "Its method.")
               String method,
               @Option(names = "--path", required = true, paramLabel = "PATTERN",
                       description = "Its path pattern, exactly as put.") String path) {
        root.client().routes().delete(method, path);
        return confirmed("Deleted route " + method + " " + path);
    }
}
