package dev.kumo.runtime;

/**
 * A place in deployed code that would stop the whole JVM.
 *
 * @param className  binary name of the class containing the call, e.g. {@code com.example.Evil}
 * @param methodName name of the method containing it, e.g. {@code handle}
 * @param target     what it calls, e.g. {@code java.lang.System.exit}
 */
public record ForbiddenCall(String className, String methodName, String target) {

    /** A sentence for the {@code ForbiddenCall} error message. */
    public String describe() {
        return className + "." + methodName + " calls " + target;
    }
}
