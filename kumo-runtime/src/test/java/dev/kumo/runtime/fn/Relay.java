package dev.kumo.runtime.fn;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import dev.kumo.function.InvocationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Calls other functions through its context, as the input's {@code op} says: {@code call} (returns its own
 * id and the child's output), {@code deadline} (its deadline and the child's), {@code recurse} (calls
 * {@code target} with the same input until the depth bound refuses; answers how many levels ran below it),
 * {@code catch} (the child's failure as fields), {@code fanOut} ({@code n} async calls, left running:
 * their states), {@code sum} ({@code n} async {@code square} calls, joined), {@code square}, {@code now}.
 */
public class Relay implements Handler<Map<String, Object>, Object> {

    @Override
    public Object handle(Map<String, Object> in, Context ctx) {
        String target = (String) in.get("target");
        Object input = in.get("input");
        return switch ((String) in.get("op")) {
            case "call" -> Map.of("self", ctx.activationId(), "output", ctx.invoke(target, input, Object.class));
            case "deadline" -> Map.of("parent", ctx.deadline().toString(),
                    "child", ctx.invoke(target, Map.of("op", "now"), String.class));
            case "now" -> ctx.deadline().toString();
            case "recurse" -> {
                try {
                    yield 1 + ctx.invoke(target, in, Integer.class);
                } catch (InvocationException e) {
                    if (e.kind() == InvocationException.Kind.DEPTH_EXCEEDED) {
                        yield 0;
                    }
                    throw e;
                }
            }
            case "catch" -> {
                try {
                    ctx.invoke(target, input, Void.class);
                    yield "no error";
                } catch (InvocationException e) {
                    var failure = new LinkedHashMap<String, Object>();
                    failure.put("kind", e.kind().name());
                    failure.put("errorType", e.errorType());
                    failure.put("activationId", e.activationId().orElse(""));
                    failure.put("message", e.getMessage());
                    yield failure;
                }
            }
            case "fanOut" -> {
                var futures = new ArrayList<CompletableFuture<String>>();
                for (int i = 0; i < (Integer) in.get("n"); i++) {
                    futures.add(ctx.invokeAsync(target, input, String.class));
                }
                var states = new ArrayList<String>();
                for (var f : futures) {
                    states.add(f.state() == java.util.concurrent.Future.State.FAILED
                            ? ((InvocationException) f.exceptionNow()).kind().name() : f.state().name());
                }
                yield states;
            }
            case "sum" -> {
                List<CompletableFuture<Integer>> squares = new ArrayList<>();
                for (int i = 0; i < (Integer) in.get("n"); i++) {
                    squares.add(ctx.invokeAsync(target, Map.of("op", "square", "x", i), Integer.class));
                }
                yield squares.stream().mapToInt(CompletableFuture::join).sum();
            }
            case "square" -> (Integer) in.get("x") * (Integer) in.get("x");
            default -> throw new IllegalArgumentException("unknown op " + in.get("op"));
        };
    }
}
