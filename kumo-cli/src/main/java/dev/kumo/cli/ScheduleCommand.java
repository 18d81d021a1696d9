package dev.kumo.cli;

import dev.kumo.client.ScheduleInfo;
import dev.kumo.client.ScheduleSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kumo schedule ...}: invoke functions on a cron or rate timetable. */
@Command(name = "schedule", description = "Manage schedules (cron and rate).")
final class ScheduleCommand extends CommandGroup {

    ScheduleCommand() {
        super("put, list, get or delete");
    }

    @Command(name = "put", description = "Create or replace a schedule.")
    int put(@Parameters(paramLabel = "NAME", description = "Schedule name.") String name,
            @Option(names = "--function", required = true, paramLabel = "F", description = "Function invoked.")
            String function,
            @Option(names = "--expression", required = true, paramLabel = "EXPR",
                    description = "rate(5 minutes), cron(0 3 * * *) or a five-field cron expression, in UTC.")
            String expression,
            @Option(names = "--payload", paramLabel = "JSON|@FILE", description = "Event of every fire "
                    + "(default null).") String payload,
            @Option(names = {"-q", "--qualifier"}, paramLabel = "Q", description = "Version or alias "
                    + "(default $LATEST).") String qualifier,
            @Option(names = "--disabled", description = "Store it without firing.") boolean disabled) {
        ScheduleSpec schedule = ScheduleSpec.of(function, expression);
        if (payload != null) {
            var command = spec.commandLine().getSubcommands().get("put");
            schedule = schedule.withPayload(new String(JsonInput.read(command, "--payload", payload),
                    StandardCharsets.UTF_8));
        }
        if (qualifier != null) {
            schedule = schedule.withQualifier(qualifier);
        }
        if (disabled) {
            schedule = schedule.disabled();
        }
        ScheduleInfo s = root.client().schedules().put(name, schedule);
        return changed(s.toJson(), "Schedule '" + s.name() + "': " + s.function() + " on " + s.expression()
                + (s.enabled() ? ", next fire " + s.nextFire().map(Instant::toString).orElse("-") : ", disabled"));
    }

    @Command(name = "list", description = "List all schedules.")
    int list() {
        return listed(root.client().schedules().listAll(), ScheduleInfo::toJson,
                Table.of("NAME", "FUNCTION", "EXPRESSION", "ENABLED", "NEXT FIRE", "LAST FIRE"),
                (table, s) -> table.row(s.name(), s.function(), s.expression(), Printer.yesNo(s.enabled()),
                        s.nextFire().map(Printer::time).orElse("-"), s.lastFire().map(Printer::time).orElse("-")));
    }

    @Command(name = "get", description = "Show a schedule.")
    int get(@Parameters(paramLabel = "NAME", description = "Schedule name.") String name) {
        ScheduleInfo s = root.client().schedules().get(name);
        return shown(s.toJson(), () -> {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("name", s.name());
            fields.put("function", s.function());
            fields.put("qualifier", s.qualifier());
            fields.put("expression", s.expression());
            fields.put("payload", s.payload());
            fields.put("enabled", Printer.yesNo(s.enabled()));
            fields.put("created", s.created().toString());
            fields.put("next fire", s.nextFire().map(Instant::toString).orElse("-"));
            fields.put("last fire", s.lastFire().map(Instant::toString).orElse("-"));
            return fields;
        });
    }

    @Command(name = "delete", description = "Delete a schedule.")
    int delete(@Parameters(paramLabel = "NAME", description = "Schedule name.") String name) {
        root.client().schedules().delete(name);
        return confirmed("Deleted schedule '" + name + "'");
    }
}
