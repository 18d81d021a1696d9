package dev.kumo.cli;

import dev.kumo.client.DeadLetterInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.JsonNodeFactory;

/** {@code kumo dead-letters ...}: asynchronous invocations that failed every attempt. */
@Command(name = "dead-letters", description = "List, show, redrive and delete a function's dead letters.")
final class DeadLettersCommand extends CommandGroup {

    DeadLettersCommand() {
        super("list, get, redrive or delete");
    }

    @Command(name = "list", description = "List a function's dead letters, oldest first.")
    int list(@Parameters(paramLabel = "FN", description = "Function name.") String function) {
        return listed(root.client().deadLetters().listAll(function), DeadLetterInfo::toJson,
                Table.of("ID", "SOURCE", "ATTEMPTS", "ACCEPTED", "DEAD-LETTERED", "REASON"),
                (table, d) -> table.row(d.activationId(), d.source(), d.attempts(), Printer.time(d.accepted()),
                        Printer.time(d.deadLettered()), d.reason()));
    }

    @Command(name = "get", description = "Show one dead letter with its payload and every attempt.")
    int get(@Parameters(index = "0", paramLabel = "FN", description = "Function name.") String function,
            @Parameters(index = "1", paramLabel = "ID", description = "Activation id.") String id) {
        DeadLetterInfo d = root.client().deadLetters().get(function, id);
        Printer printer = root.printer();
        if (printer.json()) {
            printer.json(d.toJson());
            return ExitCode.OK.code();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", d.activationId());
        fields.put("function", d.function());
        fields.put("qualifier", d.qualifier());
        fields.put("source", d.source());
        fields.put("payload", d.payload());
        fields.put("accepted", d.accepted().toString());
        fields.put("dead-lettered", d.deadLettered().toString());
        fields.put("reason", d.reason());
        fields.put("attempts", Integer.toString(d.attempts()));
        printer.fields(fields);
        ActivationCommand.printAttempts(printer, d.history());
        return ExitCode.OK.code();
    }

    @Command(name = "redrive", description = "Queue a dead letter again under a new activation id (printed).")
    int redrive(@Parameters(index = "0", paramLabel = "FN", description = "Function name.") String function,
                @Parameters(index = "1", paramLabel = "ID", description = "Activation id.") String id) {
        String fresh = root.client().deadLetters().redrive(function, id);
        if (root.printer().json()) {
            root.printer().json(JsonNodeFactory.instance.objectNode().put("activationId", fresh)
                    .put("status", "queued").put("redrivenFrom", id));
        } else {
            root.printer().line(fresh);
        }
        root.err().println("redrove " + id + " as " + fresh);
        return ExitCode.OK.code();
    }

    @Command(name = "delete", description = "Delete a dead letter.")
    int delete(@Parameters(index = "0", paramLabel = "FN", description = "Function name.") String function,
               @Parameters(index = "1", paramLabel = "ID", description = "Activation id.") String id) {
        root.client().deadLetters().delete(function, id);
        return confirmed("Deleted dead letter " + id + " of function '" + function + "'");
    }
}
