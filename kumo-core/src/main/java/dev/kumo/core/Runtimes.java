package dev.kumo.core;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The language runtimes a function may name, and how AWS Lambda's runtime ids map onto them.
 * <ul>
 *   <li>{@code java}: a Java handler (Java 25; {@code java25} and Lambda's {@code java8.al2}, {@code java11},
 *       {@code java17}, {@code java21} name it too). Runs in every tier; handler {@code pkg.Class} or Lambda's
 *       POJO form {@code pkg.Class::method}.</li>
 *   <li>{@code provided}: an executable {@code bootstrap} at the root of the uploaded zip that speaks the Lambda
 *       Runtime API ({@code provided.al2}, {@code provided.al2023}). Process and sandbox tiers only.</li>
 *   <li>{@code nodejs}: {@code file.function} handlers run by the machine's {@code node} with the bootstrap Kumo
 *       ships ({@code nodejs18.x} ... {@code nodejs22.x}). Process and sandbox tiers only.</li>
 *   <li>{@code python3}: {@code module.function} handlers run by the machine's {@code python3}
 *       ({@code python3.9} ... {@code python3.13}). Process and sandbox tiers only.</li>
 * </ul>
 */
public final class Runtimes {

    /** Java 25 handlers, in the server's JVM or in worker JVMs. */
    public static final String JAVA = "java";
    /** A {@code bootstrap} executable of the user's. */
    public static final String PROVIDED = "provided";
    /** Node.js handlers. */
    public static final String NODEJS = "nodejs";
    /** Python 3 handlers. */
    public static final String PYTHON3 = "python3";
    /** Every canonical runtime name. */
    public static final List<String> ALL = List.of(JAVA, PROVIDED, NODEJS, PYTHON3);

    private static final Pattern JAVA_ID = Pattern.compile("java(8|8\\.al2|11|17|21|25)?");
    private static final Pattern PROVIDED_ID = Pattern.compile("provided(\\.al2|\\.al2023)?");
    private static final Pattern NODE_ID = Pattern.compile("nodejs(\\d+\\.x)?");
    private static final Pattern PYTHON_ID = Pattern.compile("python3(\\.\\d+)?");
    private static final Pattern JAVA_CLASS =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final Pattern SCRIPT_HANDLER = Pattern.compile("[A-Za-z0-9_./-]+\\.[A-Za-z_$][A-Za-z0-9_$]*");

    private Runtimes() {
    }

    /**
     * The canonical runtime for {@code id}: one of {@link #ALL}, or a Lambda runtime id that maps onto one.
     *
     * @throws InvalidRequestException naming {@code runtime} when the id is unknown
     */
    public static String canonical(String id) {
        String v = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        if (JAVA_ID.matcher(v).matches()) {
            return JAVA;
        }
        if (PROVIDED_ID.matcher(v).matches()) {
            return PROVIDED;
        }
        if (NODE_ID.matcher(v).matches()) {
            return NODEJS;
        }
        if (PYTHON_ID.matcher(v).matches()) {
            return PYTHON3;
        }
        throw new InvalidRequestException("runtime", "unsupported runtime '" + id + "', expected one of "
                + String.join(", ", ALL) + " (or a Lambda runtime id such as java21, provided.al2023, nodejs20.x,"
                + " python3.12)");
    }

    /** Whether functions of {@code runtime} can only run as worker processes (process or sandbox tier). */
    public static boolean needsProcess(String runtime) {
        return !JAVA.equals(runtime);
    }

    /**
     * The Java class named by a {@code java} handler: {@code pkg.Class} or {@code pkg.Class::method}.
     */
    public static String handlerClass(String handler) {
        int sep = handler.indexOf("::");
        return sep < 0 ? handler : handler.substring(0, sep);
    }

    /** Checks {@code handler} against the form {@code runtime} expects; throws naming {@code handler}. */
    static void checkHandler(String runtime, String handler) {
        InvalidRequestException.require(handler != null && !handler.isBlank(), "handler", "handler is required");
        InvalidRequestException.require(handler.length() <= 256, "handler", "handler must not exceed 256 characters");
        switch (runtime) {
            case JAVA -> {
                int sep = handler.indexOf("::");
                boolean ok = sep < 0 ? JAVA_CLASS.matcher(handler).matches()
                        : JAVA_CLASS.matcher(handler.substring(0, sep)).matches()
                        && handler.substring(sep + 2).matches("[\\p{L}_$][\\p{L}\\p{N}_$]*");
                InvalidRequestException.require(ok, "handler", "handler must be a fully qualified class name or"
                        + " 'pkg.Class::method', got '" + handler + "'");
            }
            case NODEJS, PYTHON3 -> InvalidRequestException.require(SCRIPT_HANDLER.matcher(handler).matches()
                    && !handler.contains(".."), "handler", "handler must be 'file.function' (e.g. index.handler),"
                    + " got '" + handler + "'");
            default -> InvalidRequestException.require(!handler.chars().anyMatch(Character::isISOControl),
                    "handler", "handler must not contain control characters");
        }
    }
}
