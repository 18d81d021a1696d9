package dev.kumo.cli;

import dev.kumo.client.RuleInfo;
import dev.kumo.client.RuleSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kumo rule ...}: link triggers to functions. */
@Command(name = "rule", description = "Manage rules linking triggers to functions.")
final class RuleCommand implements Runnable {

    @ParentCommand
    private KumoCli root;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: put, list, get or delete");
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
        root.printer().outcome(r.toJson(), "Rule '" + r.name() + "': " + r.trigger() + " -> " + r.function()
                + (r.enabled() ? "" : " (disabled)"));
        return ExitCode.OK.code();
    }

    @Command(name = "list", description = "List all rules.")
    int list() {
        List<RuleInfo> rules = root.client().rules().listAll();
        root.printer().list(rules, RuleInfo::toJson, Table.of("NAME", "TRIGGER", "FUNCTION", "QUALIFIER", "ENABLED"),
                (table, r) -> table.row(r.name(), r.trigger(), r.function(), r.qualifier(), Printer.yesNo(r.enabled())));
        return ExitCode.OK.code();
    }

    @Command(name = "get", description = "Show a rule.")
    int get(@Parameters(paramLabel = "NAME", description = "Rule name.") String name) {
        RuleInfo r = root.client().rules().get(name);
        root.printer().record(r.toJson(), () -> {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("name", r.name());
            fields.put("trigger", r.trigger());
            fields.put("function", r.function());
            fields.put("qualifier", r.qualifier());
            fields.put("enabled", Printer.yesNo(r.enabled()));
            fields.put("created", r.created().toString());
            return fields;
        });
        return ExitCode.OK.code();
    }

    @Command(name = "delete", description = "Delete a rule.")
    int delete(@Parameters(paramLabel = "NAME", description = "Rule name.") String name) {
        root.client().rules().delete(name);
        root.printer().confirm("Deleted rule '" + name + "'");
        return ExitCode.OK.code();
    }
}
