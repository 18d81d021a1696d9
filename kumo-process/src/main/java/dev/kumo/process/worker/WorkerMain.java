package dev.kumo.process.worker;

import dev.kumo.core.CodeRef;
import dev.kumo.core.ErrorInfo;
import dev.kumo.core.FunctionConfig;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Runtimes;
import dev.kumo.core.Tier;
import dev.kumo.runtime.internal.StandaloneHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Main class of a Java worker JVM. Started generic, it warms up what every function needs (JSON mapping, the
 * Runtime API client, the handler machinery), then blocks on stdin for one {@link WorkerSpec} line. It exits
 * when stdin closes (the server is gone), and when an init error is posted.
 */
public final class WorkerMain {

    /** The line a generic worker prints once warmed up, before it waits for its function. */
    public static final String READY = "\u0001kumo-worker-ready";

    /**
     * The line Kumo's runtimes print right before each post to the Runtime API and before their first poll, so
     * that the server knows when everything printed before it has arrived (the line is not logged).
     */
    public static final String SYNC = "\u0001kumo-sync";

    /** The argument of a pre-started generic worker: warm up while waiting for a function. */
    public static final String WARM_UP = "--warm-up";

    /** Exit status after an init error was posted. */
    static final int INIT_FAILED = 70;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WorkerMain() {
    }

    /**
     * Runs the worker; with {@value #WARM_UP} (a pre-started generic worker) it warms up first and prints
     * {@link #READY}. With {@code --train <jar> <handler>} it instead exercises a full invocation against an
     * in-process endpoint and exits: the AOT training run at build time.
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--train")) {
            Training.run(Path.of(args[1]), args[2]);
            return;
        }
        if (args.length == 1 && args[0].equals(WARM_UP)) {
            warmUp();
            System.out.println(READY);
            System.out.flush();
        }
        var stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = stdin.readLine();
        if (line == null || line.isBlank()) {
            return; // closed while generic: the pool or the server is gone
        }
        WorkerSpec spec = JSON.readValue(line, WorkerSpec.class);
        Thread.ofPlatform().daemon().name("kumo-stdin-watch").start(() -> {
            try {
                while (stdin.readLine() != null) {
                    // only EOF matters
                }
            } catch (IOException e) {
                // same as EOF
            }
            Runtime.getRuntime().halt(0);
        });
        Environment.add(spec.env());
        System.exit(serve(spec, new RuntimeClient(spec.runtimeApi()), System.out));
    }

    /**
     * Does once, while generic, what every specialization does: parse a spec, load a handler from a jar (this
     * worker's own, with {@link TrainingHandler}) and run it, so that those classes are loaded and initialized
     * before a cold start needs them. Best effort: a failure only costs the head start.
     */
    private static void warmUp() {
        try {
            JSON.readValue("{\"runtimeApi\":\"127.0.0.1:1\",\"jar\":\"x\",\"handler\":\"a.B\",\"function\":\"f\","
                    + "\"version\":\"1\",\"memoryMb\":128,\"timeoutMs\":1,\"env\":{}}", WorkerSpec.class);
            Path self = Path.of(WorkerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(self)) {
                return; // classes directory (tests): nothing to load a handler from
            }
            var spec = new WorkerSpec("127.0.0.1:1", self.toString(), TrainingHandler.class.getName(), "warm-up", "1",
                    128, 1_000, null, Map.of(), Map.of());
            var quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
            StandaloneHandler handler = StandaloneHandler.load(self, version(spec), "warm-up", quiet);
            handler.invoke("{\"name\":\"warm\",\"numbers\":[1,2]}".getBytes(StandardCharsets.UTF_8), "warm-up",
                    Instant.now().plusSeconds(1));
            body(new ErrorInfo("Warm", "up", java.util.List.of()));
        } catch (Exception | LinkageError e) {
            // no head start
        }
    }

    /** Loads the function and runs the Runtime API loop; returns the exit status when it must stop. */
    static int serve(WorkerSpec spec, RuntimeClient api, PrintStream out) throws IOException {
        FunctionVersion version = version(spec);
        StandaloneHandler handler;
        try {
            handler = StandaloneHandler.load(Path.of(spec.jar()), version, "init", out);
        } catch (Throwable t) {
            ErrorInfo error = StandaloneHandler.describe(t, spec.handler());
            t.printStackTrace(out);
            sync(out);
            api.initError(body(error), error.errorType());
            return INIT_FAILED;
        }
        sync(out);
        while (true) {
            RuntimeClient.Event event = api.next();
            byte[] result;
            try {
                result = handler.invoke(event.body(), event.requestId(), Instant.ofEpochMilli(event.deadlineMs()));
            } catch (Throwable t) {
                ErrorInfo error = StandaloneHandler.describe(t, spec.handler());
                if (!error.errorType().equals("InvalidInput")) {
                    t.printStackTrace(out);
                }
                sync(out);
                api.error(event.requestId(), body(error), error.errorType());
                if (t instanceof OutOfMemoryError) {
                    Runtime.getRuntime().halt(3);
                }
                continue;
            }
            sync(out);
            api.respond(event.requestId(), result);
        }
    }

    private static void sync(PrintStream out) {
        System.err.flush();
        out.println(SYNC);
        out.flush();
    }

    private static FunctionVersion version(WorkerSpec spec) throws IOException {
        var config = new FunctionConfig(spec.handler(), Runtimes.JAVA, spec.memoryMb(), spec.timeoutMs(), 1, 1,
                Tier.PROCESS, spec.functionEnv(), "");
        String sha = spec.sha256() != null && spec.sha256().matches("[0-9a-f]{64}") ? spec.sha256() : "0".repeat(64);
        return new FunctionVersion(spec.function(), spec.version(), config,
                new CodeRef(sha, Files.size(Path.of(spec.jar()))), Instant.EPOCH, 0);
    }

    static byte[] body(ErrorInfo error) {
        var body = new LinkedHashMap<String, Object>();
        body.put("errorMessage", error.message());
        body.put("errorType", error.errorType());
        body.put("stackTrace", error.stackTrace());
        return JSON.writeValueAsBytes(body);
    }

    /** Puts variables into this JVM's environment as {@link System#getenv} sees it, where the JDK allows. */
    static final class Environment {

        private Environment() {
        }

        @SuppressWarnings("unchecked")
        static void add(Map<String, String> vars) {
            try {
                Class<?> pe = Class.forName("java.lang.ProcessEnvironment");
                var field = pe.getDeclaredField("theUnmodifiableEnvironment");
                field.setAccessible(true);
                Map<String, String> unmodifiable = (Map<String, String>) field.get(null);
                var inner = Class.forName("java.util.Collections$UnmodifiableMap").getDeclaredField("m");
                inner.setAccessible(true);
                ((Map<String, String>) inner.get(unmodifiable)).putAll(vars);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // without --add-opens the function sees the variables only through its context
            }
        }
    }
}
