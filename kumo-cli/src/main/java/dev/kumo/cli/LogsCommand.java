package dev.kumo.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code kumo logs ID}: an activation's captured log lines, one per line, nothing else. */
@Command(name = "logs", description = "Print the log lines of an activation.")
final class LogsCommand implements Callable<Integer> {

    @ParentCommand
    private KumoCli root;

    @Parameters(paramLabel = "ACTIVATION_ID", description = "Activation id, as printed by invoke.")
    private String id;

    @Override
    public Integer call() {
        List<String> logs = root.client().logs(id);
        Printer printer = root.printer();
        if (printer.json()) {
            ObjectNode node = JsonMapper.shared().createObjectNode();
            node.put("activationId", id);
            logs.forEach(node.putArray("logs")::add);
            printer.json(node);
        } else {
            logs.forEach(printer::line);
        }
        return ExitCode.OK.code();
    }
}
