package dev.kumo.runtime.internal;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.kumo.function.Handler;
import dev.kumo.function.Orchestrator;
import dev.kumo.runtime.OrchestrationSlice;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.function.Function;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * One loaded handler instance behind a uniform call: payload bytes in, JSON bytes out. Which style a class
 * implements is decided once, at the cold start; when a class implements several, the first of Kumo
 * {@code Handler}, AWS {@code RequestStreamHandler}, AWS {@code RequestHandler}, {@code Function} wins. The
 * input type comes from the interface's type arguments (resolved through superclasses and superinterfaces);
 * an unresolved one is {@code Object}.
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
     * Loads {@code className} through {@code loader} (running its static initializer), creates one
     * instance and binds it to its style.
     *
     * @throws ClassNotFoundException   when the class is not in the function's code
     * @throws HandlerInvalidException  when the class cannot serve as a handler
     * @throws Exception                whatever the class's initializer or constructor threw, unwrapped
     */
    @SuppressWarnings("unchecked")
    static HandlerAdapter create(ClassLoader loader, String className, JsonMapper mapper) throws Exception {
        Class<?> type = Class.forName(className, true, loader);
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new HandlerInvalidException("handler class '" + className + "' is abstract");
        }
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
                    + "com.amazonaws.services.lambda.runtime.RequestHandler or RequestStreamHandler");
        };
    }

    private static Object instantiate(Class<?> type) throws Exception {
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new HandlerInvalidException("handler class '" + type.getName() + "' has no no-arg constructor");
        }
        constructor.setAccessible(true);
        try {
            return constructor.newInstance();
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
