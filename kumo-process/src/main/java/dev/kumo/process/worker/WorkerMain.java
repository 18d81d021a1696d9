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

    /** How often a generic worker loads and calls the training handler while warming up. */
    static final int WARM_UP_LOADS = 40;
    /** How many events a generic worker serves over loopback while warming up. */
    static final int WARM_UP_EVENTS = 200;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A generic worker's connection to the endpoint the pool opened for it, made while it waits; or null. */
    private static RuntimeClient connected;
    /** The function's payload mapper: built and warmed up while generic. */
    private static final JsonMapper PAYLOADS = StandaloneHandler.newMapper();

    private WorkerMain() {
    }

    /**
     * Runs the worker; with {@value #WARM_UP} (a pre-started generic worker) it warms up first and prints
     * {@link #READY}. With {@code --train <jar> <handler>} it instead runs a generic worker's warm-up and then
     * serves invocations from an in-process endpoint, and exits: the AOT training run at build time.
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--train")) {
            warmUp(() -> false); // a generic worker's warm-up, then a specialized worker's invocations
            Training.run(Path.of(args[1]), args[2]);
            return;
        }
        var first = firstLine();
        if (args.length == 1 && args[0].equals(WARM_UP)) {
            boolean warm = warmUp(first::isDone);
            connected = connect(System.getenv("AWS_LAMBDA_RUNTIME_API"));
            if (warm) {
                System.out.println(READY);
                System.out.flush();
            }
        }
        String line = first.join();
        if (line == null || line.isBlank()) {
            return; // closed while generic: the pool or the server is gone
        }
        WorkerSpec spec = JSON.readValue(line, WorkerSpec.class);
        Environment.add(spec.env());
        RuntimeClient api = connected != null && connected.hostPort().equals(spec.runtimeApi()) ? connected
                : new RuntimeClient(spec.runtimeApi());
        System.exit(serve(spec, api, System.out));
    }

    /**
     * Does while generic what every specialization does, often enough that the JIT compiles it: parse a spec,
     * load a handler from a jar ({@link TrainingHandler} from a small jar written for this, {@value #WARM_UP_LOADS}
     * times, each in a new class loader so its types are introspected anew) and call it, then serve
     * {@value #WARM_UP_EVENTS} events through the Runtime API client from a throw-away endpoint on loopback. A
     * cold start then runs compiled code with warm caches. Best effort: a failure only costs the head start. Stops
     * early when {@code stop} says so (the function arrived while warming up: it must not wait for the rest).
     *
     * @return whether it ran to the end
     */
    private static boolean warmUp(java.util.function.BooleanSupplier stop) {
        try {
            Environment.add(Map.of());
            Path self = Path.of(WorkerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(self)) {
                return true; // classes directory (tests): nothing to load a handler from
            }
            var quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
            byte[] event = "{\"name\":\"warm\",\"numbers\":[1,2]}".getBytes(StandardCharsets.UTF_8);
            Path jar = trainingJar();
            try {
                for (int i = 0; i < WARM_UP_LOADS; i++) {
                    if (stop.getAsBoolean()) {
                        return false;
                    }
                    load(jar, i == WARM_UP_LOADS - 1 ? PAYLOADS : StandaloneHandler.newMapper()).invoke(event,
                            "warm-up", Instant.now().plusSeconds(1));
                    body(new ErrorInfo("Warm", "up", java.util.List.of()));
                }
            } finally {
                Files.deleteIfExists(jar);
            }
            Training.run(self, TrainingHandler.class.getName(), WARM_UP_EVENTS, quiet, stop);
            if (stop.getAsBoolean()) {
                return false;
            }
            System.gc(); // the warm-up's garbage goes before the worker idles: a smaller heap while it waits
        } catch (Exception | LinkageError e) {
            // no head start
        }
        return true;
    }

    /** Parses a spec of the training handler in {@code jar} and loads it as a specialization would. */
    private static StandaloneHandler load(Path jar, JsonMapper mapper) throws Exception {
        WorkerSpec spec = JSON.readValue("{\"runtimeApi\":\"127.0.0.1:1\",\"jar\":" + JSON.writeValueAsString(
                jar.toString()) + ",\"handler\":\"" + TrainingHandler.class.getName() + "\",\"function\":"
                + "\"warm-up\",\"version\":\"1\",\"memoryMb\":128,\"timeoutMs\":1000,\"env\":{\"A\":\"b\"},"
                + "\"functionEnv\":{}}", WorkerSpec.class);
        // a mapper caches the types it saw, and with them their class loader: only the last load uses the
        // function's mapper, so that one class loader stays reachable, not forty
        return StandaloneHandler.load(jar, version(spec), "warm-up",
                new PrintStream(java.io.OutputStream.nullOutputStream()), mapper);
    }

    /**
     * A small jar holding only {@link TrainingHandler}: the warm-up loads it many times, and reading this
     * worker's whole jar each time would leave tens of megabytes of touched heap behind in an idle worker.
     */
    private static Path trainingJar() throws IOException {
        Path jar = Files.createTempFile("kumo-warm-up-", ".jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> c : java.util.List.of(TrainingHandler.class, TrainingHandler.Input.class,
                    TrainingHandler.Output.class)) {
                String name = c.getName().replace('.', '/') + ".class";
                try (var in = WorkerMain.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("no " + name);
                    }
                    out.putNextEntry(new java.util.zip.ZipEntry(name));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(jar);
            throw e;
        }
        return jar;
    }

    /**
     * A client already connected to {@code endpoint}, the endpoint the pool opened for this generic worker (null
     * when there is none or it cannot be reached: the function's client then connects at its first request).
     */
    private static RuntimeClient connect(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return null;
        }
        try {
            var client = new RuntimeClient(endpoint);
            client.connect();
            return client;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Reads stdin on a thread of its own, started before the worker waits: the first line (the spec, or null at
     * EOF) completes the result; after it, EOF (the server is gone) halts the JVM.
     */
    private static java.util.concurrent.CompletableFuture<String> firstLine() {
        var first = new java.util.concurrent.CompletableFuture<String>();
        Thread.ofPlatform().daemon().name("kumo-stdin").start(() -> {
            var stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            try {
                first.complete(stdin.readLine());
                while (stdin.readLine() != null) {
                    // only EOF matters
                }
            } catch (IOException e) {
                first.complete(null); // same as EOF
            }
            Runtime.getRuntime().halt(0);
        });
        return first;
    }

    /** Loads the function and runs the Runtime API loop; returns the exit status when it must stop. */
    static int serve(WorkerSpec spec, RuntimeClient api, PrintStream out) throws IOException {
        FunctionVersion version = version(spec);
        StandaloneHandler handler;
        try {
            handler = StandaloneHandler.load(Path.of(spec.jar()), version, "init", out, PAYLOADS);
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

        /** The map behind {@link System#getenv()}, looked up once (while generic); null where not reachable. */
        private static Map<String, String> mutable;
        private static boolean looked;

        static synchronized void add(Map<String, String> vars) {
            if (!looked) {
                looked = true;
                mutable = lookUp();
            }
            if (mutable != null) {
                mutable.putAll(vars);
            }
        }

        @SuppressWarnings("unchecked")
        private static Map<String, String> lookUp() {
            try {
                Class<?> pe = Class.forName("java.lang.ProcessEnvironment");
                var field = pe.getDeclaredField("theUnmodifiableEnvironment");
                field.setAccessible(true);
                Map<String, String> unmodifiable = (Map<String, String>) field.get(null);
                var inner = Class.forName("java.util.Collections$UnmodifiableMap").getDeclaredField("m");
                inner.setAccessible(true);
                return (Map<String, String>) inner.get(unmodifiable);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null; // without --add-opens the function sees the variables only through its context
            }
        }
    }
}
