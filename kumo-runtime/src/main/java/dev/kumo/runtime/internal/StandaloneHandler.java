package dev.kumo.runtime.internal;

import dev.kumo.core.ErrorInfo;
import dev.kumo.core.FunctionVersion;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Java handler loaded outside the platform's dispatcher: what a process-tier worker JVM runs. The handler is
 * loaded and called exactly as in the in-JVM tiers (same class loader rules, same handler styles, same payload
 * mapping); what it logs through its context is printed to {@code out} after each call, so the worker's output
 * carries it. Calls to other functions are not available in a worker (the context throws).
 */
public final class StandaloneHandler {

    private final HandlerAdapter adapter;
    private final FunctionVersion version;
    private final PrintStream out;
    private final int maxLogLines;
    private final int maxLogBytes;

    private StandaloneHandler(HandlerAdapter adapter, FunctionVersion version, PrintStream out, int maxLogLines,
                              int maxLogBytes) {
        this.adapter = adapter;
        this.version = version;
        this.out = out;
        this.maxLogLines = maxLogLines;
        this.maxLogBytes = maxLogBytes;
    }

    /**
     * Loads the handler of {@code version} from {@code jar} and runs its one-time initialization.
     *
     * @throws Exception whatever loading or initializing threw (see {@link #describe})
     */
    public static StandaloneHandler load(Path jar, FunctionVersion version, String initRequestId, PrintStream out)
            throws Exception {
        return load(jar, version, initRequestId, out, newMapper());
    }

    /**
     * Like {@link #load(Path, FunctionVersion, String, PrintStream)} with a mapper from {@link #newMapper()} that
     * the caller made (and warmed up) beforehand: a pre-started worker JVM keeps one ready for its function.
     *
     * @throws Exception whatever loading or initializing threw (see {@link #describe})
     */
    public static StandaloneHandler load(Path jar, FunctionVersion version, String initRequestId, PrintStream out,
                                         JsonMapper mapper) throws Exception {
        var loader = new FunctionClassLoader(version.instanceKey(), CodeIndex.read(jar),
                StandaloneHandler.class.getClassLoader());
        HandlerAdapter adapter = HandlerAdapter.create(loader, version.config().handler(), mapper);
        var handler = new StandaloneHandler(adapter, version, out, 1_000, 256 * 1024);
        var logs = new LogBuffer(handler.maxLogLines, handler.maxLogBytes);
        Thread.currentThread().setContextClassLoader(loader);
        try {
            adapter.init(new InvocationContext(initRequestId, version, Instant.MAX, InstantSource.system(), logs,
                    Optional.empty()));
        } finally {
            handler.print(logs);
        }
        return handler;
    }

    /** The payload mapper handlers get, configured as in the in-JVM tiers. */
    public static JsonMapper newMapper() {
        return JsonMapper.builder().disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();
    }

    /**
     * Runs one invocation: payload bytes in, the handler's JSON out.
     *
     * @throws Exception whatever the handler threw (see {@link #describe})
     */
    public byte[] invoke(byte[] payload, String requestId, Instant deadline) throws Exception {
        var logs = new LogBuffer(maxLogLines, maxLogBytes);
        try {
            return adapter.invoke(payload, new InvocationContext(requestId, version, deadline, InstantSource.system(),
                    logs, Optional.empty()));
        } finally {
            print(logs);
        }
    }

    private void print(LogBuffer logs) {
        List<String> lines = logs.drain();
        lines.forEach(out::println);
        out.flush();
    }

    /**
     * The error a worker reports for {@code error} thrown by {@link #load} or {@link #invoke}, typed as the
     * in-JVM tiers type it: {@code HandlerMissing}, {@code HandlerInvalid}, {@code InvalidInput},
     * {@code InvalidOutput}, or the exception's class.
     */
    public static ErrorInfo describe(Throwable error, String handler) {
        return switch (error) {
            case ClassNotFoundException e -> new ErrorInfo("HandlerMissing",
                    "handler class '" + handler + "' is not in the function's code", List.of());
            case HandlerInvalidException e -> new ErrorInfo("HandlerInvalid", e.getMessage(), List.of());
            case InvalidInputException e -> new ErrorInfo("InvalidInput", e.getMessage(), List.of());
            case InvalidOutputException e -> new ErrorInfo("InvalidOutput", e.getMessage(), List.of());
            case ExceptionInInitializerError e when e.getCause() != null -> ErrorInfo.of(e.getCause());
            default -> ErrorInfo.of(error);
        };
    }
}
