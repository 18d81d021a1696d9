package dev.kumo.cli;

import dev.kumo.client.AliasInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kumo alias ...}: point names at published versions, optionally splitting traffic. */
@Command(name = "alias", description = "Manage aliases of published versions.")
final class AliasCommand extends CommandGroup {

    AliasCommand() {
        super("set, get, list or delete");
    }

    @Command(name = "set",
            description = "Create or replace an alias; --weight sends a share of invocations to a second version.")
    int set(@Parameters(index = "0", paramLabel = "FN", description = "Function name.") String function,
            @Parameters(index = "1", paramLabel = "ALIAS", description = "Alias name (not all digits).") String alias,
            @Option(names = "--version", required = true, paramLabel = "V", description = "Primary version.")
            String version,
            @Option(names = "--weight", paramLabel = "V2=W", description = "Additional version and its share "
                    + "0..1, e.g. 2=0.1 (at most one).") Map<String, Double> weights,
            @Option(names = "--description", paramLabel = "TEXT", description = "Free text.") String description) {
        AliasInfo info = root.client().putAlias(function, alias, version, weights == null ? Map.of() : weights,
                description == null ? "" : description);
        print(root.printer(), info);
        return ExitCode.OK.code();
    }

    @Command(name = "get", description = "Show an alias.")
    int get(@Parameters(index = "0", paramLabel = "FN", description = "Function name.") String function,
            @Parameters(index = "1", paramLabel = "ALIAS", description = "Alias name.") String alias) {
        print(root.printer(), root.client().getAlias(function, alias));
        return ExitCode.OK.code();
    }

    @Command(name = "list", description = "List a function's aliases.")
    int list(@Parameters(paramLabel = "FN", description = "Function name.") String function) {
        List<AliasInfo> aliases = root.client().listAllAliases(function);
        return listed(aliases, AliasInfo::toJson,
                Table.of("NAME", "VERSION", "WEIGHTS", "DESCRIPTION", "MODIFIED"),
                (table, a) -> table.row(a.name(), a.version(), Printer.pairs(a.additionalVersionWeights()),
                        a.description(), Printer.time(a.modified())));
    }

    @Command(name = "delete", description = "Delete an alias.")
    int delete(@Parameters(index = "0", paramLabel = "FN", description = "Function name.") String function,
               @Parameters(index = "1", paramLabel = "ALIAS", description = "Alias name.") String alias) {
        root.client().deleteAlias(function, alias);
        return confirmed("Deleted alias '" + alias + "' of function '" + function + "'");
    }

    private static void print(Printer printer, AliasInfo alias) {
        printer.record(alias.toJson(), () -> {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("function", alias.function());
            fields.put("alias", alias.name());
            fields.put("version", alias.version());
            fields.put("weights", Printer.pairs(alias.additionalVersionWeights()));
            fields.put("description", alias.description());
            fields.put("modified", alias.modified().toString());
            return fields;
        });
    }
}
