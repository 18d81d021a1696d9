package dev.kumo.cli;

import dev.kumo.client.ActivationError;
import dev.kumo.client.AsyncInvokeResponse;
import dev.kumo.client.InvokeResponse;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code kumo invoke NAME}: runs a function once. The output JSON goes to standard output as the server sent it;
 * the activation id, version and cold/warm start go to standard error on one line, so pipes see only the output.
 * With {@code --async} the invocation is queued and standard output gets its activation id alone.
 */
@Command(name = "invoke",
        description = "Invoke a function synchronously and print its output JSON, or with --async queue it and "
                + "print its activation id.")
final class InvokeCommand implements Callable<Integer> {

    @ParentCommand
    private KumoCli root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Function name.")
    private String name;

    @Option(names = {"-d", "--data"}, paramLabel = "JSON|@FILE",
            description = "Input JSON, or @path to read it from a file (default: no input, i.e. null).")
    private String data;

    @Option(names = {"-q", "--qualifier"}, paramLabel = "Q",
            description = "$LATEST, a version or an alias (default: $LATEST).")
    private String qualifier;

    @Option(names = "--async", description = "Queue the invocation (durably) and print its activation id.")
    private boolean async;

    @Option(names = "--idempotency-key", paramLabel = "K",
            description = "With --async: the same key and input within the server's window queue nothing new.")
    private String idempotencyKey;

    @Option(names = "--callback-url", paramLabel = "URL",
            description = "With --async: where the server POSTs the outcome (an allowed host).")
    private String callbackUrl;

    @Override
    public Integer call() {
        if (!async && (idempotencyKey != null || callbackUrl != null)) {
            throw new ParameterException(spec.commandLine(), "--idempotency-key and --callback-url need --async");
        }
        byte[] input = data == null ? new byte[0] : JsonInput.read(spec.commandLine(), "--data", data);
        if (async) {
            return queue(input);
        }
        InvokeResponse response = qualifier == null ? root.client().invoke(name, input)
                : root.client().invoke(name, qualifier, input);
        root.err().println("activation " + orUnknown(response.activationId()) + ", version "
                + orUnknown(response.version()) + ", " + (response.coldStart() ? "cold start" : "warm start"));
        if (response.succeeded()) {
            String output = response.bodyText();
            root.printer().line(output.endsWith("\n") ? output.substring(0, output.length() - 1) : output);
            return ExitCode.OK.code();
        }
        if (root.printer().json()) {
            root.printer().line(response.bodyText().strip());
        }
        ActivationError error = response.functionError().orElseThrow();
        root.err().println("kumo: function '" + name + "' " + (response.timedOut() ? "timed out" : "failed") + ": "
                + ErrorReporter.oneLine(error.summary()));
        return ExitCode.FUNCTION_FAILED.code();
    }

    private int queue(byte[] input) {
        AsyncInvokeResponse queued = root.client().invokeAsync(name, qualifier == null ? "$LATEST" : qualifier, input,
                Optional.ofNullable(idempotencyKey), Optional.ofNullable(callbackUrl));
        if (root.printer().json()) {
            root.printer().json(JsonNodeFactory.instance.objectNode().put("activationId", queued.activationId())
                    .put("status", "queued").put("replay", queued.replay()));
        } else {
            root.printer().line(queued.activationId());
        }
        root.err().println(queued.replay() ? "already queued with this idempotency key (nothing new queued)"
                : "queued; follow it with: kumo activation " + queued.activationId());
        return ExitCode.OK.code();
    }

    private static String orUnknown(String value) {
        return value.isEmpty() ? "?" : value;
    }
}
