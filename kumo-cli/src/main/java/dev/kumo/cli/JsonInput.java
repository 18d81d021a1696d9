package dev.kumo.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON given on the command line ({@code --data}, {@code --payload}): the text itself or {@code @FILE}, checked
 * locally so that invalid JSON is a usage error and nothing is sent.
 */
final class JsonInput {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private JsonInput() {
    }

    /** The JSON of {@code argument} (text or {@code @FILE}) given to {@code option}, as UTF-8 bytes. */
    static byte[] read(CommandLine command, String option, String argument) {
        String json;
        String origin;
        if (argument.startsWith("@")) {
            Path file = Path.of(argument.substring(1));
            origin = "file '" + file + "'";
            try {
                json = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new ParameterException(command, "cannot read " + option + " " + origin + ": no such file");
            } catch (IOException e) {
                throw new ParameterException(command, "cannot read " + option + " " + origin + ": " + e.getMessage());
            }
        } else {
            json = argument;
            origin = "value";
        }
        if (json.isBlank()) {
            throw new ParameterException(command, option + " " + origin + " is empty; pass null for no input");
        }
        try {
            STRICT.readTree(json);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ParameterException(command, option + " " + origin + " is not valid JSON" + where + ": "
                    + ErrorReporter.oneLine(e.getOriginalMessage()));
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
