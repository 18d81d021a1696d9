package dev.kumo.cli;

import dev.kumo.client.ActivationError;
import dev.kumo.client.InvokeResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kumo invoke NAME}: runs a function once. The output JSON goes to standard output as the server sent it;
 * the activation id, version and cold/warm start go to standard error on one line, so pipes see only the output.
 */
@Command(name = "invoke",
        description = "Invoke a function synchronously and print its output JSON.")
final class InvokeCommand implements Callable<Integer> {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

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

    @Override
    public Integer call() {
        byte[] input = data == null ? new byte[0] : input(data);
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

    private byte[] input(String argument) {
        String json;
        String origin;
        if (argument.startsWith("@")) {
            Path file = Path.of(argument.substring(1));
            origin = "file '" + file + "'";
            try {
                json = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new ParameterException(spec.commandLine(), "cannot read --data " + origin + ": no such file");
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read --data " + origin + ": " + e.getMessage());
            }
        } else {
            json = argument;
            origin = "value";
        }
        if (json.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--data " + origin + " is empty; pass null for no input");
        }
        try {
            STRICT.readTree(json);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ParameterException(spec.commandLine(), "--data " + origin + " is not valid JSON" + where + ": "
                    + ErrorReporter.oneLine(e.getOriginalMessage()));
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String orUnknown(String value) {
        return value.isEmpty() ? "?" : value;
    }
}
