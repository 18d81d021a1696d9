package dev.kumo.process.worker;

import java.util.Map;

/**
 * What a generic worker JVM is told to become, one JSON line on its stdin.
 *
 * @param runtimeApi the endpoint, {@code host:port}
 * @param jar        the function's jar
 * @param handler    the Java handler
 * @param function   function name
 * @param version    function version
 * @param memoryMb   the function's memory
 * @param timeoutMs  the function's timeout
 * @param sha256     the jar's digest (its code address)
 * @param env        variables to add to the worker's environment (the Lambda ones and the function's)
 * @param functionEnv the function's own variables, as its context's {@code env()} shows them
 */
public record WorkerSpec(String runtimeApi, String jar, String handler, String function, String version,
                         int memoryMb, long timeoutMs, String sha256, Map<String, String> env,
                         Map<String, String> functionEnv) {

    /** Copies the environments. */
    public WorkerSpec {
        env = env == null ? Map.of() : Map.copyOf(env);
        functionEnv = functionEnv == null ? Map.of() : Map.copyOf(functionEnv);
    }
}
