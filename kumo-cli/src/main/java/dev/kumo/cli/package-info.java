/**
 * The {@code kumo} command line: picocli commands that turn arguments into {@link dev.kumo.client.KumoClient} calls
 * and answers into tables, JSON or one-line errors. Commands stay thin; everything that talks HTTP lives in
 * kumo-client. {@link dev.kumo.cli.KumoCli#run} is the testable entry point, and {@link dev.kumo.cli.ExitCode} the
 * contract scripts rely on.
 */
package dev.kumo.cli;
