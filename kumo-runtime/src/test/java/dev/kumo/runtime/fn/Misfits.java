package dev.kumo.runtime.fn;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.util.function.IntConsumer;

/** Classes that must not pass deploy-time inspection. */
public final class Misfits {

    private Misfits() {
    }

    /** Abstract. */
    public abstract static class AbstractHandler implements Handler<Object, Object> {
    }

    /** No no-arg constructor. */
    public static class NeedsArgument implements Handler<Object, Object> {

        /** The only constructor. */
        public NeedsArgument(String argument) {
        }

        @Override
        public Object handle(Object input, Context ctx) {
            return input;
        }
    }

    /** An interface, not a class. */
    public interface HandlerInterface extends Handler<Object, Object> {
    }

    /** Implements no handler interface. */
    public static class NotAHandler {
    }

    /** Exits through a method reference (an invokedynamic bootstrap argument). */
    public static class ExitByReference implements Handler<Integer, Object> {

        @Override
        public Object handle(Integer status, Context ctx) {
            IntConsumer exit = System::exit;
            return exit;
        }
    }

    /** Halts the JVM directly. */
    public static class Halter implements Handler<Object, Object> {

        @Override
        public Object handle(Object input, Context ctx) {
            Runtime.getRuntime().halt(1);
            return null;
        }
    }

    /** A handler reached through an abstract base class in the same jar. */
    public abstract static class Base implements Handler<Object, Object> {
    }

    /** Concrete subclass of {@link Base}. */
    public static class Derived extends Base {

        @Override
        public Object handle(Object input, Context ctx) {
            return "derived";
        }
    }
}
