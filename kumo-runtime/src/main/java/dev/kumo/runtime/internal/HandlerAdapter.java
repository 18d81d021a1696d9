package dev.kumo.runtime.internal;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.kumo.core.Runtimes;
import dev.kumo.function.Handler;
import dev.kumo.function.Orchestrator;
import dev.kumo.runtime.OrchestrationSlice;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * One loaded handler instance behind a uniform call: payload bytes in, JSON bytes out. Which style a handler
 * has is decided once, at the cold start:
 * <ul>
 *   <li>{@code pkg.Class::method}: a public method of the class, AWS Lambda's POJO style (see
 *       {@link HandlerShape} for the parameter lists and which overload wins); static, or an instance method on
 *       one instance created at the cold start;</li>
 *   <li>{@code pkg.Class}: the interface the class implements; when it implements several, the first of Kumo
 *       {@code Handler}, {@code Orchestrator}, AWS {@code RequestStreamHandler}, AWS {@code RequestHandler},
 *       {@code Function} wins. A class that implements none but has a {@code public static main(JsonObject)}
 *       (Gson's) is an OpenWhisk Java action and runs that method.</li>
 * </ul>
 * The input type comes from the interface's type arguments (resolved through superclasses and
 * superinterfaces; an unresolved one is {@code Object}), or from the method's parameter.
 */
sealed interface HandlerAdapter {

    /** Runs the handler on one payload, on the function's thread. */
    byte[] invoke(byte[] payload, InvocationContext ctx) throws Exception;

    /** Runs once per instance during the cold start. */
    default void init(InvocationContext ctx) throws Exception {
    }

    /** A {@link Handler}. */
    record KumoHandler(Handler<Object, Object> handler, PayloadCodec codec) implements HandlerAdapter {

        @Override
        public byte[] invoke(byte[] payload, InvocationContext ctx) throws Exception {
            return codec.write(handler.handle(codec.read(payload), ctx));
        }

        @Override
        public void init(InvocationContext ctx) throws Exception {
            handler.init(ctx);
        }
    }

    /** An {@link Orchestrator}: each invocation is one slice of a run (see {@link OrchestrationSlice}). */
    record KumoOrchestrator(Orchestrator<Object, Object> orchestrator, JavaType inputType, JsonMapper mapper)
            implements HandlerAdapter {

        @Override
        public byte[] invoke(byte[] payload, InvocationContext ctx) {
            return OrchestrationSlice.run(orchestrator, inputType, payload, mapper);
        }
    }

    /** A {@link Function}. */
    record JdkFunction(Function<Object, Object> function, PayloadCodec codec) implements HandlerAdapter {

        @Override
        public byte[] invoke(byte[] payload, InvocationContext ctx) {
            return codec.write(function.apply(codec.read(payload)));
        }
    }

    /** An AWS {@link RequestHandler}. */
    record AwsRequestHandler(RequestHandler<Object, Object> handler, PayloadCodec codec) implements HandlerAdapter {

        @Override
        public byte[] invoke(byte[] payload, InvocationContext ctx) {
            return codec.write(handler.handleRequest(codec.read(payload), new LambdaContext(ctx)));
        }
    }

    /** An AWS {@link RequestStreamHandler}: raw bytes in, the JSON it writes out. */
    record AwsStreamHandler(RequestStreamHandler handler, JsonMapper mapper) implements HandlerAdapter {

        @Override
        public byte[] invoke(byte[] payload, InvocationContext ctx) throws Exception {
            var out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(payload), out, new LambdaContext(ctx));
            return PayloadCodec.requireJson(mapper, out.toByteArray());
        }
    }

    /**
     * A public method of the handler class: {@code pkg.Class::method} or an OpenWhisk action's {@code main}.
     * {@code target} is the instance for an instance method, {@code null} for a static one.
     */
    record PojoMethod(HandlerMethod handler, Object target, PayloadCodec codec, JsonMapper mapper)
            implements HandlerAdapter {

        @Override
        public byte[] invoke(byte[] payload, InvocationContext ctx) throws Exception {
            List<HandlerShape.Param> params = handler.shape().params();
            Object[] args = new Object[params.size()];
            ByteArrayOutputStream out = null;
            for (int i = 0; i < args.length; i++) {
                args[i] = switch (params.get(i)) {
                    case INPUT -> codec.read(payload);
                    case INPUT_STREAM -> new ByteArrayInputStream(payload);
                    case OUTPUT_STREAM -> out = new ByteArrayOutputStream();
                    case AWS_CONTEXT -> new LambdaContext(ctx);
                    case KUMO_CONTEXT -> ctx;
                };
            }
            Object result = unwrapped(() -> handler.method().invoke(target, args));
            return out != null ? PayloadCodec.requireJson(mapper, out.toByteArray()) : codec.write(result);
        }
    }

    /**
     * Loads the class of {@code handler} ({@code pkg.Class} or {@code pkg.Class::method}) through
     * {@code loader} (running its static initializer), creates one instance unless the handler is a static
     * method, and binds it to its style.
     *
     * @throws ClassNotFoundException   when the class is not in the function's code
     * @throws HandlerInvalidException  when the class or method cannot serve as a handler
     * @throws Exception                whatever the class's initializer or constructor threw, unwrapped
     */
    @SuppressWarnings("unchecked")
    static HandlerAdapter create(ClassLoader loader, String handler, JsonMapper mapper) throws Exception {
        String className = Runtimes.handlerClass(handler);
        Class<?> type = Class.forName(className, true, loader);
        if (!className.equals(handler)) {
            return method(type, HandlerMethod.resolve(type, handler.substring(className.length() + 2)), mapper);
        }
        if (!isHandlerType(type)) {
            Optional<HandlerMethod> main = HandlerMethod.openWhiskMain(type);
            if (main.isPresent()) {
                return method(type, main.get(), mapper);
            }
        }
        requireConcrete(type);
        Object instance = instantiate(type);
        JavaType javaType = mapper.getTypeFactory().constructType(type);
        return switch (instance) {
            case Handler<?, ?> h -> new KumoHandler((Handler<Object, Object>) h,
                    new PayloadCodec(mapper, inputType(javaType, Handler.class, mapper)));
            case Orchestrator<?, ?> o -> new KumoOrchestrator((Orchestrator<Object, Object>) o,
                    inputType(javaType, Orchestrator.class, mapper), mapper);
            case RequestStreamHandler h -> new AwsStreamHandler(h, mapper);
            case RequestHandler<?, ?> h -> new AwsRequestHandler((RequestHandler<Object, Object>) h,
                    new PayloadCodec(mapper, inputType(javaType, RequestHandler.class, mapper)));
            case Function<?, ?> f -> new JdkFunction((Function<Object, Object>) f,
                    new PayloadCodec(mapper, inputType(javaType, Function.class, mapper)));
            default -> throw new HandlerInvalidException("handler class '" + className + "' implements none of "
                    + "dev.kumo.function.Handler, dev.kumo.function.Orchestrator, java.util.function.Function, "
                    + "com.amazonaws.services.lambda.runtime.RequestHandler or RequestStreamHandler, and has no "
                    + "public static main(com.google.gson.JsonObject); name a method as 'pkg.Class::method'");
        };
    }

    private static HandlerAdapter method(Class<?> type, HandlerMethod handler, JsonMapper mapper) throws Exception {
        Object target = null;
        if (handler.needsInstance()) {
            requireConcrete(type);
            target = instantiate(type);
        }
        handler.method().trySetAccessible();
        int input = handler.shape().params().indexOf(HandlerShape.Param.INPUT);
        JavaType inputType = input < 0 ? mapper.constructType(Object.class)
                : mapper.getTypeFactory().constructType(handler.method().getGenericParameterTypes()[input]);
        return new PojoMethod(handler, target, new PayloadCodec(mapper, inputType), mapper);
    }

    private static boolean isHandlerType(Class<?> type) {
        return Handler.class.isAssignableFrom(type) || Orchestrator.class.isAssignableFrom(type)
                || RequestStreamHandler.class.isAssignableFrom(type) || RequestHandler.class.isAssignableFrom(type)
                || Function.class.isAssignableFrom(type);
    }

    private static void requireConcrete(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new HandlerInvalidException("handler class '" + type.getName() + "' is abstract");
        }
    }

    private static Object instantiate(Class<?> type) throws Exception {
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new HandlerInvalidException("handler class '" + type.getName() + "' has no no-arg constructor");
        }
        constructor.setAccessible(true);
        return unwrapped(constructor::newInstance);
    }

    /** Runs a reflective call, throwing what the called code threw as is rather than wrapped. */
    private static Object unwrapped(Callable<Object> call) throws Exception {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            switch (e.getCause()) {
                case Exception cause -> throw cause;
                case Error cause -> throw cause;
                case null, default -> throw e;
            }
        }
    }

    private static JavaType inputType(JavaType handlerType, Class<?> iface, JsonMapper mapper) {
        JavaType[] parameters = handlerType.findTypeParameters(iface);
        return parameters.length == 0 ? mapper.constructType(Object.class) : parameters[0];
    }
}
