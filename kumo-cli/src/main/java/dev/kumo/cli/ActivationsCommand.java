package dev.kumo.cli;

import dev.kumo.client.ActivationInfo;
import dev.kumo.client.ActivationQuery;
import dev.kumo.client.ActivationStatus;
import dev.kumo.client.Page;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kumo activations}: the newest activations, one page, as a table. */
@Command(name = "activations",
        description = "List recent activations, newest first.")
final class ActivationsCommand implements Callable<Integer> {

    @ParentCommand
    private KumoCli root;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-f", "--function"}, paramLabel = "F", description = "Only activations of this function.")
    private String function;

    @Option(names = {"-s", "--status"}, paramLabel = "S", description = "Only activations in this status: success, "
            + "error, timeout, rejected, queued, running or dead-lettered.")
    private String status;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20",
            description = "How many, 1-1000 (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--next-token", paramLabel = "T", description = "Fetch the page after a previous listing.")
    private String nextToken;

    @Override
    public Integer call() {
        if (limit < 1 || limit > 1000) {
            throw new ParameterException(spec.commandLine(), "--limit must be between 1 and 1000, got " + limit);
        }
        ActivationQuery query = ActivationQuery.recent(limit);
        if (function != null) {
            query = query.withFunction(function);
        }
        if (status != null) {
            try {
                query = query.withStatus(ActivationStatus.fromWire(status.strip()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--status must be one of success, error, timeout, "
                        + "rejected, queued, running or dead-lettered, got '" + status + "'");
            }
        }
        if (nextToken != null) {
            query = query.withNextToken(nextToken);
        }
        Page<ActivationInfo> page = root.client().listActivations(query);
        root.printer().list(page.items(), ActivationInfo::toJson,
                Table.of("ID", "FUNCTION", "VERSION", "STATUS", "COLD", "DURATION MS", "START"),
                (table, a) -> table.row(a.activationId(), a.function(), a.version(), a.status().wireName(),
                        Printer.yesNo(a.coldStart()), Printer.millis(a.durationMs()), Printer.time(a.start())));
        page.nextToken().ifPresent(token -> root.err().println("more: --next-token " + token));
        return ExitCode.OK.code();
    }
}
