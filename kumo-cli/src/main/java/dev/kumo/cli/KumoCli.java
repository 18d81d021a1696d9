package dev.kumo.cli;

import dev.kumo.client.KumoClient;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code kumo} command: global options and the entry points. {@link #main} runs it as a process;
 * {@link #run} runs it against given streams and environment and returns the {@link ExitCode} number, for tests and
 * embedding.
 */
@Command(name = "kumo", mixinStandardHelpOptions = true, versionProvider = KumoCli.Version.class,
        description = "Deploys, invokes and inspects functions on a Kumo server.",
        subcommands = {FnCommand.class, AliasCommand.class, InvokeCommand.class, ActivationsCommand.class,
                ActivationCommand.class, LogsCommand.class, DeadLettersCommand.class, ScheduleCommand.class,
                TriggerCommand.class, RuleCommand.class, RouteCommand.class, NamespaceCommand.class,
                WorkflowCommand.class, WorkflowRunCommand.class, HelpCommand.class},
        footerHeading = "%nEnvironment:%n",
        footer = {"  KUMO_URL    server URL when --url is not given (default " + KumoCli.DEFAULT_URL + ")",
                "  KUMO_DEBUG  when set, unexpected errors print their stack trace"})
public final class KumoCli implements Runnable {

    /** Where the server listens when neither {@code --url} nor {@code KUMO_URL} says otherwise. */
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Kumo server URL (default: $KUMO_URL, else " + DEFAULT_URL + ").")
    private String url;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print JSON in the API's form instead of tables.")
    private boolean json;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", scope = ScopeType.INHERIT, defaultValue = "60",
            description = "How long to wait for each answer (default: ${DEFAULT-VALUE}).")
    private int requestTimeoutSeconds;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private KumoClient client;

    private KumoCli(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** Runs {@code kumo} with the process's streams and environment and exits with its {@link ExitCode}. */
    public static void main(String... args) {
        // UTF-8 regardless of the locale: invoke output is JSON, which is UTF-8 by definition.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(out, err, System.getenv(), args));
    }

    /**
     * Runs {@code kumo args} writing results to {@code out} and diagnostics to {@code err}.
     *
     * @param env environment variables to consult ({@code KUMO_URL}, {@code KUMO_DEBUG})
     * @return the numeric {@link ExitCode}
     */
    public static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
        KumoCli root = new KumoCli(out, err, env);
        ErrorReporter errors = new ErrorReporter(err, env.containsKey("KUMO_DEBUG"));
        CommandLine commandLine = new CommandLine(root)
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setExpandAtFiles(false)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((ex, ignored) -> errors.usage(ex))
                .setExecutionExceptionHandler((ex, ignored, parseResult) -> errors.failure(ex));
        commandLine.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCode.helpList());
        commandLine.getSubcommands().values().forEach(KumoCli::addHelpOption);
        try {
            return commandLine.execute(args);
        } finally {
            if (root.client != null) {
                root.client.close();
            }
        }
    }

    // Subcommands get -h/--help but not the standard -V/--version, which 'alias set --version V' needs.
    private static void addHelpOption(CommandLine command) {
        CommandSpec commandSpec = command.getCommandSpec();
        if (commandSpec.optionsMap().containsKey("--help")) {
            return;
        }
        commandSpec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        command.getSubcommands().values().forEach(KumoCli::addHelpOption);
    }

    /** Without a subcommand there is nothing to do. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing command: fn, alias, invoke, activations, activation, logs, dead-letters, schedule, "
                        + "trigger, rule or route");
    }

    /** The client for this run, created on first use from {@code --url}, {@code KUMO_URL} or the default. */
    KumoClient client() {
        if (client == null) {
            String source = url != null ? "--url" : env.containsKey("KUMO_URL") ? "KUMO_URL" : "default URL";
            String target = url != null ? url : env.getOrDefault("KUMO_URL", DEFAULT_URL);
            if (requestTimeoutSeconds < 1) {
                throw new ParameterException(spec.commandLine(),
                        "--request-timeout must be at least 1 second, got " + requestTimeoutSeconds);
            }
            try {
                client = KumoClient.create(URI.create(target), Duration.ofSeconds(requestTimeoutSeconds));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "invalid " + source + " '" + target
                        + "': expected a URL such as " + DEFAULT_URL);
            }
        }
        return client;
    }

    /** Output for this run, honouring {@code --json}. */
    Printer printer() {
        return new Printer(out, json);
    }

    /** The diagnostics stream, for the one-line activation summary of {@code invoke}. */
    PrintStream err() {
        return err;
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = KumoCli.class.getPackage().getImplementationVersion();
            return new String[] {"kumo " + (version == null ? "(development build)" : version)};
        }
    }
}
