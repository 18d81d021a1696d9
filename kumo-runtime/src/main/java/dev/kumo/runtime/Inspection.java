package dev.kumo.runtime;

import java.util.List;

/** The verdict of {@link CodeInspector#inspect} on a jar about to be deployed. */
public sealed interface Inspection {

    /** The jar may be deployed. */
    record Ok() implements Inspection {
    }

    /** The code calls something that would stop the JVM every function shares (HTTP 400 {@code ForbiddenCall}). */
    record ForbiddenCalls(List<ForbiddenCall> calls) implements Inspection {

        /** Copies the list. */
        public ForbiddenCalls {
            calls = List.copyOf(calls);
        }
    }

    /** The configured handler class is not in the jar. */
    record HandlerMissing(String handler) implements Inspection {
    }

    /** The handler class is in the jar but cannot serve as a handler; {@code reason} says why. */
    record HandlerInvalid(String handler, String reason) implements Inspection {
    }

    /** The bytes are not a readable jar (or hold an unreadable class file). */
    record NotAJar(String reason) implements Inspection {
    }
}
