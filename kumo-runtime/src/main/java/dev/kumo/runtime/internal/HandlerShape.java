package dev.kumo.runtime.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The parameter lists a POJO handler method ({@code pkg.Class::method}, AWS Lambda's Java style) may have, and
 * which of several overloads wins. Works on type descriptors ({@code Ljava/io/InputStream;}) so that deploy-time
 * inspection (class files) and the cold start (reflection) apply exactly the same rules.
 *
 * <p>Usable lists, as on Lambda: {@code ()}, {@code (I)}, {@code (I, Context)}, {@code (InputStream,
 * OutputStream)}, {@code (InputStream, OutputStream, Context)}, and the rarer {@code (InputStream, Context)},
 * {@code (OutputStream, Context)}; a single parameter may be of any type. {@code I} is any type but a stream or a
 * context. Context is AWS's {@code com.amazonaws.services.lambda.runtime.Context} or Kumo's
 * {@code dev.kumo.function.Context}.
 *
 * <p>Preference among overloads, as on Lambda: a method that is not a compiler bridge wins; then the longer
 * list, a list ending in a context counting one more than its length. Lambda leaves ties to the order reflection
 * lists methods; Kumo breaks them by the descriptor text so the choice is the same on every start.
 */
record HandlerShape(List<Param> params, boolean bridge, String descriptor) {

    /** What one parameter receives. */
    enum Param {
        /** The payload mapped to the parameter's type. */
        INPUT,
        /** The payload bytes as a stream. */
        INPUT_STREAM,
        /** A stream whose bytes become the output. */
        OUTPUT_STREAM,
        /** AWS's Lambda context. */
        AWS_CONTEXT,
        /** Kumo's context. */
        KUMO_CONTEXT;

        boolean isContext() {
            return this == AWS_CONTEXT || this == KUMO_CONTEXT;
        }
    }

    /** The order in which usable overloads are preferred: the first wins. */
    static final Comparator<HandlerShape> PREFERENCE = Comparator.comparing(HandlerShape::bridge)
            .thenComparing(Comparator.comparingInt(HandlerShape::weight).reversed())
            .thenComparing(HandlerShape::descriptor);

    /** The lists above, in words, for error messages. */
    static final String USABLE = "(), (I), (I, Context), (InputStream, OutputStream), "
            + "(InputStream, OutputStream, Context), (InputStream, Context) or (OutputStream, Context)";

    /**
     * The shape of a method with these parameter descriptors, when the list is usable.
     *
     * @param parameters the descriptors of its parameter types, in order
     * @param bridge     whether the method is a compiler-generated bridge
     * @param descriptor the method's descriptor, the last tie-breaker
     */
    static Optional<HandlerShape> of(List<String> parameters, boolean bridge, String descriptor) {
        var params = new ArrayList<Param>(parameters.size());
        for (String p : parameters) {
            params.add(classify(p));
        }
        return usable(params) ? Optional.of(new HandlerShape(List.copyOf(params), bridge, descriptor))
                : Optional.empty();
    }

    /** Whether the output is what the handler writes to its stream rather than what it returns. */
    boolean writesOutput() {
        return params.contains(Param.OUTPUT_STREAM);
    }

    private int weight() {
        return params.size() + (!params.isEmpty() && params.getLast().isContext() ? 1 : 0);
    }

    private static Param classify(String descriptor) {
        return switch (descriptor) {
            case "Ljava/io/InputStream;" -> Param.INPUT_STREAM;
            case "Ljava/io/OutputStream;" -> Param.OUTPUT_STREAM;
            case "Lcom/amazonaws/services/lambda/runtime/Context;" -> Param.AWS_CONTEXT;
            case "Ldev/kumo/function/Context;" -> Param.KUMO_CONTEXT;
            default -> Param.INPUT;
        };
    }

    private static boolean usable(List<Param> p) {
        return switch (p.size()) {
            case 0, 1 -> true;
            case 2 -> p.get(1).isContext() && !p.get(0).isContext()
                    || p.get(0) == Param.INPUT_STREAM && p.get(1) == Param.OUTPUT_STREAM;
            case 3 -> p.get(0) == Param.INPUT_STREAM && p.get(1) == Param.OUTPUT_STREAM && p.get(2).isContext();
            default -> false;
        };
    }
}
