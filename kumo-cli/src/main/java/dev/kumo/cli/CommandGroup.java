package dev.kumo.cli;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A {@code kumo <noun> ...} group of subcommands: the root command that holds the client and the printer, the usage
 * error when no subcommand is given, and the printing that put, list, get and delete end with (each returns the
 * exit code of success, so a subcommand can end with {@code return listed(...)}).
 */
abstract class CommandGroup implements Runnable {

    @ParentCommand
    KumoCli root;

    @Spec
    CommandSpec spec;

    private final String subcommands;

    /** A group whose usage error lists {@code subcommands}, such as {@code "put, list, get or delete"}. */
    CommandGroup(String subcommands) {
        this.subcommands = subcommands;
    }

    @Override
    public final void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: " + subcommands);
    }

    /** Prints the outcome of a change (see {@link Printer#outcome}). */
    final int changed(String json, String message) {
        root.printer().outcome(json, message);
        return ExitCode.OK.code();
    }

    /** Prints a listing (see {@link Printer#list}). */
    final <T> int listed(List<T> items, Function<T, String> toJson, Table table, BiConsumer<Table, T> row) {
        root.printer().list(items, toJson, table, row);
        return ExitCode.OK.code();
    }

    /** Prints one record (see {@link Printer#record}). */
    final int shown(String json, Supplier<Map<String, String>> fields) {
        root.printer().record(json, fields);
        return ExitCode.OK.code();
    }

    /** Confirms a change for people (see {@link Printer#confirm}). */
    final int confirmed(String message) {
        root.printer().confirm(message);
        return ExitCode.OK.code();
    }
}
