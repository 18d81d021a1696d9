package dev.kumo.cli;

import dev.kumo.client.AsyncOptions;
import dev.kumo.client.DeployResult;
import dev.kumo.client.FunctionInfo;
import dev.kumo.client.FunctionSpec;
import dev.kumo.client.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/** {@code kumo fn ...}: deploy, inspect, publish and delete functions. */
@Command(name = "fn", description = "Deploy and manage functions.")
final class FnCommand extends CommandGroup {

    FnCommand() {
        super("deploy, list, get, delete, publish or versions");
    }

    @Command(name = "deploy",
            description = "Create a function from a jar (java) or a zip (provided, nodejs, python3), or replace the "
                    + "code (and given settings) of its $LATEST.")
    int deploy(@Parameters(paramLabel = "NAME", description = "Function name.") String name,
               @Option(names = {"--jar", "--zip", "--code"}, required = true, paramLabel = "FILE",
                       description = "The function's code: a jar for java, a zip for the other runtimes.")
               Path jar,
               @Option(names = "--handler", required = true, paramLabel = "HANDLER",
                       description = "java: pkg.Class or pkg.Class::method; nodejs/python3: file.function "
                               + "(index.handler); provided: passed to the bootstrap.") String handler,
               @Option(names = "--runtime", paramLabel = "RUNTIME", description = "java (default), provided, "
                       + "nodejs, python3, or a Lambda runtime id (nodejs20.x, python3.12...).") String runtime,
               @Option(names = "--memory", paramLabel = "MB", description = "Memory per instance, 128-10240 "
                       + "(server default 256).") Integer memoryMb,
               @Option(names = "--timeout", paramLabel = "MS", description = "Invocation timeout, 1-900000 "
                       + "(server default 30000).") Long timeoutMs,
               @Option(names = "--tier", paramLabel = "TIER", description = "isolated, shared, process or sandbox "
                       + "(server default: isolated for java, process for the other runtimes).") Tier tier,
               @Option(names = "--network", paramLabel = "none|egress", description = "Sandbox tier only: none "
                       + "(default; only the Runtime API endpoint is reachable) or egress (the host's network).")
               String network,
               @Option(names = "--concurrency", paramLabel = "N", description = "Invocations per instance; "
                       + "shared tier only.") Integer concurrency,
               @Option(names = "--max-instances", paramLabel = "N", description = "Most live instances.")
               Integer maxInstances,
               @Option(names = "--env", paramLabel = "K=V", description = "Environment variable; repeat for "
                       + "more. Replaces the function's current variables.") Map<String, String> env,
               @Option(names = "--description", paramLabel = "TEXT", description = "Free text.")
               String description,
               @Option(names = "--max-retries", paramLabel = "N", description = "Retries of a failed asynchronous "
                       + "invocation, 0-10 (server default 2).") Integer maxRetries,
               @Option(names = "--max-event-age", paramLabel = "SECONDS", description = "Oldest an asynchronous "
                       + "invocation may grow before it is dead-lettered, 60-21600 (server default 21600).")
               Integer maxEventAge,
               @Option(names = "--on-success", paramLabel = "FN", description = "Function invoked with each "
                       + "asynchronous success.") String onSuccess,
               @Option(names = "--on-failure", paramLabel = "FN", description = "Function invoked with each "
                       + "dead-lettered invocation.") String onFailure) {
        if (!Files.isReadable(jar) || Files.isDirectory(jar)) {
            throw new ParameterException(spec.commandLine().getSubcommands().get("deploy"),
                    "cannot read code file '" + jar + "'");
        }
        FunctionSpec.Builder settings = FunctionSpec.builder().handler(handler);
        if (runtime != null) {
            settings.runtime(runtime);
        }
        if (network != null) {
            settings.network(network);
        }
        if (memoryMb != null) {
            settings.memoryMb(memoryMb);
        }
        if (timeoutMs != null) {
            settings.timeoutMs(timeoutMs);
        }
        if (tier != null) {
            settings.tier(tier);
        }
        if (concurrency != null) {
            settings.concurrency(concurrency);
        }
        if (maxInstances != null) {
            settings.maxInstances(maxInstances);
        }
        if (env != null) {
            settings.env(env);
        }
        if (description != null) {
            settings.description(description);
        }
        if (maxRetries != null || maxEventAge != null || onSuccess != null || onFailure != null) {
            // The server replaces the asynchronous settings as a whole: options not given take their defaults.
            AsyncOptions async = AsyncOptions.DEFAULTS;
            async = maxRetries == null ? async : async.withMaxRetries(maxRetries);
            async = maxEventAge == null ? async : async.withMaxEventAgeSeconds(maxEventAge);
            async = onSuccess == null ? async : async.withOnSuccess(onSuccess);
            async = onFailure == null ? async : async.withOnFailure(onFailure);
            settings.async(async);
        }
        DeployResult result = root.client().deploy(name, jar, settings.build());
        FunctionInfo f = result.function();
        return changed(f.toJson(), (result.created() ? "Created" : "Updated") + " function '" + f.name()
                + "' (" + f.version() + ", " + f.handler() + ", " + f.memoryMb() + " MB, " + f.tier().wireName()
                + ", code " + Printer.shortSha(f.codeSha256()) + ", " + f.codeSize() + " bytes)");
    }

    @Command(name = "list", description = "List all functions.")
    int list() {
        List<FunctionInfo> functions = root.client().listAllFunctions();
        return listed(functions, FunctionInfo::toJson,
                Table.of("NAME", "HANDLER", "TIER", "MEMORY MB", "TIMEOUT MS", "MODIFIED"),
                (table, f) -> table.row(f.name(), f.handler(), f.tier().wireName(), f.memoryMb(), f.timeoutMs(),
                        Printer.time(f.modified())));
    }

    @Command(name = "get",
            description = "Show a function's $LATEST, a version, or the version an alias points to.")
    int get(@Parameters(paramLabel = "NAME", description = "Function name.") String name,
            @Option(names = {"-q", "--qualifier"}, paramLabel = "Q", description = "$LATEST, a version or an alias.")
            String qualifier) {
        FunctionInfo f = qualifier == null ? root.client().getFunction(name) : root.client().getFunction(name, qualifier);
        printFunction(root.printer(), f);
        return ExitCode.OK.code();
    }

    @Command(name = "delete",
            description = "Delete a function with all its versions and aliases.")
    int delete(@Parameters(paramLabel = "NAME", description = "Function name.") String name) {
        root.client().deleteFunction(name);
        return confirmed("Deleted function '" + name + "'");
    }

    @Command(name = "publish",
            description = "Publish $LATEST as a new immutable version (returns the newest one if nothing changed).")
    int publish(@Parameters(paramLabel = "NAME", description = "Function name.") String name,
                @Option(names = "--description", paramLabel = "TEXT", description = "Describes the version.")
                String description) {
        FunctionInfo version = description == null ? root.client().publish(name)
                : root.client().publish(name, description);
        return changed(version.toJson(), "Published version " + version.version() + " of '" + name
                + "' (code " + Printer.shortSha(version.codeSha256()) + ")");
    }

    @Command(name = "versions", description = "List a function's versions.")
    int versions(@Parameters(paramLabel = "NAME", description = "Function name.") String name) {
        List<FunctionInfo> versions = root.client().listAllVersions(name);
        return listed(versions, FunctionInfo::toJson,
                Table.of("VERSION", "DESCRIPTION", "CODE", "SIZE", "MODIFIED"),
                (table, v) -> table.row(v.version(), v.description(), Printer.shortSha(v.codeSha256()),
                        v.codeSize(), Printer.time(v.modified())));
    }

    private static void printFunction(Printer printer, FunctionInfo f) {
        printer.record(f.toJson(), () -> {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("name", f.name());
            fields.put("version", f.version());
            fields.put("handler", f.handler());
            fields.put("runtime", f.runtime());
            fields.put("tier", f.tier().wireName());
            fields.put("memory MB", Integer.toString(f.memoryMb()));
            fields.put("timeout ms", Long.toString(f.timeoutMs()));
            fields.put("concurrency", Integer.toString(f.concurrency()));
            fields.put("max instances", Integer.toString(f.maxInstances()));
            fields.put("env", Printer.pairs(f.env()));
            fields.put("description", f.description());
            fields.put("async", "retries " + f.async().maxRetries() + ", max event age " + f.async().maxEventAgeSeconds()
                    + " s" + f.async().onSuccess().map(d -> ", on success " + d).orElse("")
                    + f.async().onFailure().map(d -> ", on failure " + d).orElse(""));
            fields.put("code sha256", f.codeSha256());
            fields.put("code size", f.codeSize() + " bytes");
            fields.put("modified", f.modified().toString());
            fields.put("revision", Long.toString(f.revision()));
            return fields;
        });
    }
}
