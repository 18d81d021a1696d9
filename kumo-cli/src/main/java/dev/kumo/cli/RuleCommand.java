package dev.kumo.cli;

import dev.kumo.client.RuleInfo;
import dev.kumo.client.RuleSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kumo rule ...}: link triggers to functions. */
@Command(name = "rule", description = "Manage rules linking triggers to functions.")
final class RuleCommand extends CommandGroup {

    RuleCommand() {
        super("put, list, get or delete");
    }

    @Command(name = "put", description = "Create or replace a rule.")
    int put(@Parameters(paramLabel = "NAME", description = "Rule name.") String name,
            @Option(names = "--trigger", required = true, paramLabel = "T", description = "Trigger name.")
            String trigger,
            @Option(names = "--function", required = true, paramLabel = "F", description = "Function invoked.")
            String function,
            @Option(names = {"-q", "--qualifier"}, paramLabel = "Q", description = "Version or alias "
                    + "(default $LATEST).") String qualifier,
            @Option(names = "--disabled", description = "Store it without delivering events.") boolean disabled) {
        RuleSpec rule = RuleSpec.of(trigger, function);
        if (qualifier != null) {
            rule = rule.withQualifier(qualifier);
        }
        if (disabled) {
            rule = rule.disabled();
        }
        RuleInfo r = root.client().rules().put(name, rule);
        return changed(r.toJson(), "Rule '" + r.name() + "': " + r.trigger() + " -> " + r.function()
                + (r.enabled() ? "" : " (disabled)"));
    }

    @Command(name = "list", description = "List all rules.")
    int list() {
        return listed(root.client().rules().listAll(), RuleInfo::toJson,
                Table.of("NAME", "TRIGGER", "FUNCTION", "QUALIFIER", "ENABLED"),
                (table, r) -> table.row(r.name(), r.trigger(), r.function(), r.qualifier(),
                        Printer.yesNo(r.enabled())));
    }

    @Command(name = "get", description = "Show a rule.")
    int get(@Parameters(paramLabel = "NAME", description = "Rule name.") String name) {
        RuleInfo r = root.client().rules().get(name);
        return shown(r.toJson(), () -> {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("name", r.name());
            fields.put("trigger", r.trigger());
            fields.put("function", r.function());
            fields.put("qualifier", r.qualifier());
            fields.put("enabled", Printer.yesNo(r.enabled()));
            fields.put("created", r.created().toString());
            return fields;
        });
    }

    @Command(name = "delete", description = "Delete a rule.")
    int delete(@Parameters(paramLabel = "NAME", description = "Rule name.") String name) {
        root.client().rules().delete(name);
        return confirmed("Deleted rule '" + name + "'");
    }
}
