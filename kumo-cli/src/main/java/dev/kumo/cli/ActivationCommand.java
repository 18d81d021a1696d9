package dev.kumo.cli;

import dev.kumo.client.ActivationInfo;
import dev.kumo.client.ActivationTree;
import dev.kumo.client.AttemptInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kumo activation ID}: the whole record of one invocation, including result, error and logs;
 * {@code --tree} shows the calls between functions it made instead.
 */
@Command(name = "activation", description = "Show one activation in full.")
final class ActivationCommand implements Callable<Integer> {

    @ParentCommand
    private KumoCli root;

    @Parameters(paramLabel = "ID", description = "Activation id, as printed by invoke.")
    private String id;

    @Option(names = "--tree", description = "Show the calls to other functions this activation made, as a tree.")
    private boolean tree;

    @Override
    public Integer call() {
        if (tree) {
            return printTree();
        }
        ActivationInfo a = root.client().getActivation(id);
        Printer printer = root.printer();
        if (printer.json()) {
            printer.json(a.toJson());
            return ExitCode.OK.code();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", a.activationId());
        fields.put("function", a.function());
        fields.put("version", a.version());
        fields.put("status", a.status().wireName());
        a.parentId().ifPresent(parent -> fields.put("parent", parent));
        if (a.attempt() != 1 || !a.attempts().isEmpty()) {
            fields.put("attempt", Integer.toString(a.attempt()));
        }
        fields.put("cold start", Printer.yesNo(a.coldStart()));
        fields.put("start", a.start().toString());
        fields.put("duration ms", Printer.millis(a.durationMs()));
        fields.put("init ms", Printer.millis(a.initMs()));
        fields.put("queue ms", Printer.millis(a.queueMs()));
        fields.put("memory MB", Integer.toString(a.memoryMb()));
        fields.put("input bytes", Long.toString(a.inputBytes()));
        fields.put("output bytes", Long.toString(a.outputBytes()));
        a.result().ifPresent(result -> fields.put("result", result));
        a.error().ifPresent(error -> fields.put("error", ErrorReporter.oneLine(error.summary())));
        printer.fields(fields);
        a.error().ifPresent(error -> error.stackTrace().forEach(frame -> printer.line("    at " + frame)));
        printer.line("logs" + (a.logs().isEmpty() ? "         (none)" : ":"));
        a.logs().forEach(line -> printer.line("  " + line));
        printAttempts(printer, a.attempts());
        return ExitCode.OK.code();
    }

    private int printTree() {
        ActivationTree t = root.client().activationTree(id);
        Printer printer = root.printer();
        if (printer.json()) {
            printer.json(t.toJson());
        } else {
            printTree(printer, t, "", "");
        }
        return ExitCode.OK.code();
    }

    /** One line per activation, children indented under their caller, oldest first. */
    static void printTree(Printer printer, ActivationTree t, String lead, String childLead) {
        printer.line(lead + t.activationId() + "  " + t.function() + ":" + t.version() + "  " + t.status().wireName()
                + "  " + Printer.millis(t.durationMs()) + " ms"
                + t.errorType().map(e -> "  " + e + t.errorMessage().map(m -> ": " + ErrorReporter.oneLine(m))
                        .orElse("")).orElse(""));
        var children = t.children();
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            printTree(printer, children.get(i), childLead + (last ? "└─ " : "├─ "), childLead + (last ? "   " : "│  "));
        }
    }

    /** Earlier attempts of an asynchronous invocation, one line each plus their logs; nothing when none. */
    static void printAttempts(Printer printer, List<AttemptInfo> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        printer.line("earlier attempts:");
        for (AttemptInfo attempt : attempts) {
            printer.line("  #" + attempt.attempt() + "  " + attempt.status().wireName() + "  "
                    + Printer.time(attempt.start()) + "  " + Printer.millis(attempt.durationMs()) + " ms"
                    + attempt.error().map(e -> "  " + ErrorReporter.oneLine(e.summary())).orElse(""));
            attempt.logs().forEach(line -> printer.line("      " + line));
        }
    }
}
