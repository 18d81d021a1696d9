package dev.kumo.sim;

import dev.kumo.sim.trace.TraceFormat;
import dev.kumo.sim.trace.TraceFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kumo sim}: replays a trace against keep-alive policies and writes {@code summary.csv}, {@code tradeoff.png}
 * and {@code cold-start-cdf.png}. Bad input ends with one readable error line and exit code 2.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Simulate keep-alive policies on an Azure Functions trace (cold starts vs wasted memory).")
public final class SimMain implements Callable<Integer> {

    /** Exit code for bad input (options, trace files, policy specs). */
    public static final int BAD_INPUT = 2;

    @Option(names = "--trace", required = true, paramLabel = "DIR",
            description = "trace directory (2019: invocations.csv... or per-day files) or 2021 CSV file")
    Path trace = Path.of(".");

    @Option(names = "--policy", split = ",", paramLabel = "SPEC",
            description = "comma-separated policy specs (default: hybrid-histogram and fixed 5,10,20,30,60,120 min)")
    List<String> policies = PolicyComparison.DEFAULT_POLICIES;

    @Option(names = "--out", paramLabel = "OUT", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out = Path.of("sim-out");

    @Option(names = "--seed", description = "seed for placing invocations within a minute (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--format", description = "azure2019, azure2021 or auto (default: ${DEFAULT-VALUE})",
            converter = FormatConverter.class)
    TraceFormat format = TraceFormat.AUTO;

    /** Runs the simulator; exits with the command's code. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the given streams and returns its exit code (0 ok, 2 bad input). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        var cli = new CommandLine(new SimMain());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("kumo sim: " + e.getMessage());
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof TraceFormatException || e instanceof IllegalArgumentException
                    || e instanceof UncheckedIOException || e instanceof IOException) {
                err.println("kumo sim: " + e.getMessage());
                return BAD_INPUT;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        var specs = policies.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        var loaded = format.read(trace);
        System.err.printf(Locale.ROOT, "trace %s: %,d apps, %,d invocations%n", trace, loaded.apps().size(),
                loaded.invocationCount());
        var summary = PolicyComparison.run(specs, loaded, seed, spec -> new ProgressBar(System.err, spec));
        Files.createDirectories(out);
        var csv = summary.writeCsv(out);
        Charts.tradeoff(summary, out.resolve("tradeoff.png"));
        Charts.coldStartCdf(summary, out.resolve("cold-start-cdf.png"));
        var stdout = new java.io.PrintStream(System.out, true);
        summary.printTable(stdout);
        stdout.println("wrote " + csv + ", " + out.resolve("tradeoff.png") + ", " + out.resolve("cold-start-cdf.png"));
        return 0;
    }

    /** Reads {@code azure2019}, {@code azure2021} or {@code auto}, case-insensitively. */
    static final class FormatConverter implements CommandLine.ITypeConverter<TraceFormat> {
        @Override
        public TraceFormat convert(String value) {
            try {
                return TraceFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("unknown format '" + value + "'; use one of "
                        + Arrays.stream(TraceFormat.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
            }
        }
    }
}
