package dev.kumo.process.isolation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short administrative command ({@code ip}, {@code nft}) and reports its exit status and output. */
final class HostCommand {

    /** How a command ended: exit status and its stdout and stderr together. */
    record Outcome(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    private HostCommand() {}

    static Outcome run(List<String> command) {
        return run(command, null);
    }

    /** Runs {@code command} with {@code stdin} (or none) as its input; at most 10 s. */
    static Outcome run(List<String> command, String stdin) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Outcome(124, "timed out: " + String.join(" ", command));
            }
            return new Outcome(p.exitValue(), out);
        } catch (IOException e) {
            return new Outcome(127, "cannot run " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IsolationException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Runs {@code command} and fails with its output unless it exits 0. */
    static String check(List<String> command) {
        Outcome o = run(command);
        if (!o.ok()) {
            throw new IsolationException(String.join(" ", command) + " failed (exit " + o.exit() + "): " + o.output());
        }
        return o.output();
    }
}
