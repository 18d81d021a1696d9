package dev.kumo.cli;

import dev.kumo.client.KumoApiException;
import dev.kumo.client.KumoConnectionException;
import dev.kumo.client.KumoProtocolException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Turns whatever stopped a command into one {@code kumo: ...} line on standard error and an {@link ExitCode}. */
final class ErrorReporter {

    private final PrintStream err;
    private final boolean debug;

    ErrorReporter(PrintStream err, boolean debug) {
        this.err = err;
        this.debug = debug;
    }

    /** A bad command line, or input the command rejected before sending anything. */
    int usage(ParameterException e) {
        CommandLine command = e.getCommandLine();
        err.println("kumo: " + oneLine(e.getMessage()) + " (see '" + command.getCommandSpec().qualifiedName()
                + " --help')");
        return ExitCode.USAGE.code();
    }

    /** An exception thrown while the command ran. */
    int failure(Exception e) {
        return switch (e) {
            case KumoApiException api -> report(api.status() == 502 || api.status() == 504
                    ? ExitCode.SERVER_ERROR : ExitCode.forStatus(api.status()), describe(api));
            case KumoConnectionException connection -> report(ExitCode.UNREACHABLE, connection.getMessage());
            case KumoProtocolException protocol -> report(ExitCode.SERVER_ERROR, protocol.getMessage());
            case UncheckedIOException io -> report(ExitCode.USAGE, io.getMessage());
            default -> {
                if (debug) {
                    e.printStackTrace(err);
                }
                yield report(ExitCode.SERVER_ERROR, "unexpected error: " + e
                        + (debug ? "" : " (set KUMO_DEBUG=1 for the stack trace)"));
            }
        };
    }

    private int report(ExitCode code, String message) {
        err.println("kumo: " + oneLine(message));
        return code.code();
    }

    private static String describe(KumoApiException e) {
        StringBuilder message = new StringBuilder(e.detail());
        e.field().filter(field -> !e.detail().contains(field))
                .ifPresent(field -> message.append(" (field '").append(field).append("')"));
        List<String> throttling = new ArrayList<>();
        e.reason().filter(reason -> !e.detail().contains(reason)).ifPresent(throttling::add);
        e.retryAfter().ifPresent(delay -> throttling.add("retry after " + delay.toSeconds() + " s"));
        if (!throttling.isEmpty()) {
            message.append(" (").append(String.join(", ", throttling)).append(')');
        }
        return message.toString();
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
