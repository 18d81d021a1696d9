package dev.kumo.runtime.internal;

import com.google.gson.JsonObject;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A public method chosen to serve as the handler, with the shape of its parameters: the method of a
 * {@code pkg.Class::method} handler (AWS Lambda's POJO style, see {@link HandlerShape} for the rules), or the
 * {@code public static main(JsonObject)} of an OpenWhisk Java action named by its class alone.
 */
record HandlerMethod(Method method, HandlerShape shape) {

    /** Whether the method needs an instance of its class. */
    boolean needsInstance() {
        return !Modifier.isStatic(method.getModifiers());
    }

    /**
     * The preferred usable public method named {@code name} of {@code type} (declared or inherited).
     *
     * @throws HandlerInvalidException naming the handler when there is none
     */
    static HandlerMethod resolve(Class<?> type, String name) {
        List<Method> named = Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(name)).toList();
        if (named.isEmpty()) {
            throw new HandlerInvalidException("handler '" + type.getName() + "::" + name + "': class "
                    + type.getName() + " has no public method named '" + name + "'");
        }
        return named.stream()
                .flatMap(m -> shapeOf(m).map(s -> new HandlerMethod(m, s)).stream())
                .min(Comparator.comparing(HandlerMethod::shape, HandlerShape.PREFERENCE))
                .orElseThrow(() -> new HandlerInvalidException("handler '" + type.getName() + "::" + name
                        + "': no public method '" + name + "' takes a usable parameter list; expected "
                        + HandlerShape.USABLE + ", found " + named.stream().map(HandlerMethod::signature).toList()));
    }

    /**
     * The {@code public static main(com.google.gson.JsonObject)} of an OpenWhisk Java action, if {@code type} has
     * one.
     */
    static Optional<HandlerMethod> openWhiskMain(Class<?> type) {
        try {
            Method main = type.getMethod("main", JsonObject.class);
            return Modifier.isStatic(main.getModifiers()) ? shapeOf(main).map(s -> new HandlerMethod(main, s))
                    : Optional.empty();
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    private static Optional<HandlerShape> shapeOf(Method m) {
        return HandlerShape.of(Arrays.stream(m.getParameterTypes()).map(Class::descriptorString).toList(),
                m.isBridge(), descriptor(m));
    }

    private static String descriptor(Method m) {
        var sb = new StringBuilder("(");
        for (Class<?> p : m.getParameterTypes()) {
            sb.append(p.descriptorString());
        }
        return sb.append(')').append(m.getReturnType().descriptorString()).toString();
    }

    private static String signature(Method m) {
        return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
