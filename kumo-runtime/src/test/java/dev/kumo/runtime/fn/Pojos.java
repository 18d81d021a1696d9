package dev.kumo.runtime.fn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Classes named as {@code pkg.Class::method} handlers: AWS Lambda's POJO style, one per parameter list. */
public final class Pojos {

    private Pojos() {
    }

    /** A static method on strings. */
    public static class Greeter {

        /** {@code (I)}: gets the decoded JSON string. */
        public static String greet(String name) {
            return "hello " + name;
        }
    }

    /** Instance methods; counts its instances and invocations. */
    public static class Counter {

        private static final AtomicInteger INSTANCES = new AtomicInteger();
        private final int instance = INSTANCES.incrementAndGet();
        private int calls;

        /** {@code (I, Context)} with AWS's context. */
        public Map<String, Object> count(Map<String, Object> input, Context context) {
            calls++;
            return Map.of("instance", instance, "calls", calls, "function", context.getFunctionName(),
                    "input", input);
        }

        /** {@code ()}. */
        public String ping() {
            return "pong";
        }

        /** {@code (I)} returning nothing. */
        public void consume(Map<String, Object> input) {
            calls++;
        }

        /** {@code (I, Context)} with Kumo's context. */
        public String kumo(int n, dev.kumo.function.Context ctx) {
            ctx.logger().info("kumo " + n);
            return ctx.functionName() + " " + (n * 2);
        }

        /** Throws what it is given. */
        public String fail(String message) {
            throw new IllegalStateException(message);
        }
    }

    /** Inherits every method of {@link Counter}. */
    public static class ChildCounter extends Counter {
    }

    /** Stream methods. */
    public static class Streams {

        /** {@code (InputStream, OutputStream, Context)}. */
        public void copy(InputStream in, OutputStream out, Context context) throws IOException {
            out.write(("{\"length\":" + in.readAllBytes().length + ",\"function\":\"" + context.getFunctionName()
                    + "\"}").getBytes(StandardCharsets.UTF_8));
        }

        /** {@code (InputStream, OutputStream)}. */
        public static void echo(InputStream in, OutputStream out) throws IOException {
            in.transferTo(out);
        }
    }

    /** Overloads of one name, each answering which it is. */
    public static class Overloads {

        /** Weight 0. */
        public String handle() {
            return "()";
        }

        /** Weight 1. */
        public String handle(String input) {
            return "(I)";
        }

        /** Weight 2. */
        public void handle(InputStream in, OutputStream out) throws IOException {
            out.write("\"(InputStream, OutputStream)\"".getBytes(StandardCharsets.UTF_8));
        }

        /** Weight 3: wins over the two-parameter stream method because it ends in a context. */
        public String handle(String input, Context context) {
            return "(I, Context)";
        }

        /** Weight 2, but unusable: skipped. */
        public String handle(String a, String b) {
            return "(I, I)";
        }

        /** Weight 1 and 0. */
        public String shorter(String input) {
            return "(I)";
        }

        /** Weight 0. */
        public String shorter() {
            return "()";
        }

        /** Weight 4 beats weight 3. */
        public void longest(InputStream in, OutputStream out, Context context) throws IOException {
            out.write("\"(InputStream, OutputStream, Context)\"".getBytes(StandardCharsets.UTF_8));
        }

        /** Weight 3. */
        public String longest(String input, Context context) {
            return "(I, Context)";
        }
    }

    /** A RequestHandler named by method: the typed method wins over the compiler's bridge. */
    public static class Typed implements RequestHandler<Integer, String> {

        @Override
        public String handleRequest(Integer input, Context context) {
            return input.getClass().getSimpleName() + " " + input;
        }
    }

    /** Methods no handler may name. */
    public static class Unusable {

        /** Two inputs. */
        public String two(String a, String b) {
            return a + b;
        }

        /** Context first. */
        public String backwards(Context context, String input) {
            return input;
        }

        /** Four parameters. */
        public void four(InputStream in, OutputStream out, Context context, String extra) {
        }

        private String hidden(String input) {
            return input;
        }

        /** Keeps {@link #hidden} in use. */
        public String visible() {
            return hidden("x");
        }
    }

    /** An instance method on a class without a no-arg constructor. */
    public static class NeedsArgument {

        /** The only constructor. */
        public NeedsArgument(String argument) {
        }

        /** An instance method. */
        public String run() {
            return "run";
        }

        /** A static method: usable without an instance. */
        public static String still() {
            return "static";
        }
    }

    /** An abstract class: its static methods are usable, its instance methods are not. */
    public abstract static class Abstract {

        /** Static. */
        public static String fixed() {
            return "fixed";
        }

        /** Instance. */
        public String notReachable() {
            return "no";
        }
    }
}
