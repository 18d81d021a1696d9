package dev.kumo.cli;

import dev.kumo.client.PublishResult;
import dev.kumo.client.TriggerInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kumo trigger ...}: named event sources, and firing events at them. */
@Command(name = "trigger", description = "Manage triggers (topics) and fire events at them.")
final class TriggerCommand extends CommandGroup {

    TriggerCommand() {
        super("put, list, get, delete or fire");
    }

    @Command(name = "put", description = "Create or replace a trigger.")
    int put(@Parameters(paramLabel = "NAME", description = "Trigger (topic) name.") String name,
            @Option(names = "--description", paramLabel = "TEXT", description = "Free text.") String description) {
        TriggerInfo t = root.client().triggers().put(name, description == null ? "" : description);
        return changed(t.toJson(), "Trigger '" + t.name() + "'");
    }

    @Command(name = "list", description = "List all triggers.")
    int list() {
        return listed(root.client().triggers().listAll(), TriggerInfo::toJson,
                Table.of("NAME", "DESCRIPTION", "CREATED"),
                (table, t) -> table.row(t.name(), t.description(), Printer.time(t.created())));
    }

    @Command(name = "get", description = "Show a trigger.")
    int get(@Parameters(paramLabel = "NAME", description = "Trigger name.") String name) {
        TriggerInfo t = root.client().triggers().get(name);
        return shown(t.toJson(), () -> {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("name", t.name());
            fields.put("description", t.description());
            fields.put("created", t.created().toString());
            return fields;
        });
    }

    @Command(name = "delete", description = "Delete a trigger (refused while rules use it).")
    int delete(@Parameters(paramLabel = "NAME", description = "Trigger name.") String name) {
        root.client().triggers().delete(name);
        return confirmed("Deleted trigger '" + name + "'");
    }

    @Command(name = "fire", description = "Publish an event to a topic: one asynchronous invocation per enabled rule.")
    int fire(@Parameters(paramLabel = "TOPIC", description = "Trigger (topic) name.") String topic,
             @Option(names = "--payload", paramLabel = "JSON|@FILE", description = "The event (default null).")
             String payload) {
        byte[] event = payload == null ? new byte[0]
                : JsonInput.read(spec.commandLine().getSubcommands().get("fire"), "--payload", payload);
        PublishResult result = root.client().triggers().publish(topic, event);
        if (root.printer().json()) {
            root.printer().json(result.toJson());
        } else {
            Table table = Table.of("RULE", "FUNCTION", "ACTIVATION");
            result.deliveries().forEach(d -> table.row(d.rule(), d.function(), d.activationId()));
            root.printer().table(table);
        }
        root.err().println(result.deliveries().size() + " deliver" + (result.deliveries().size() == 1 ? "y" : "ies")
                + " queued for topic '" + topic + "'");
        return ExitCode.OK.code();
    }
}
