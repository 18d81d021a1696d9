package dev.kumo.runtime.internal;

import java.lang.classfile.AccessFlags;
import java.lang.classfile.BootstrapMethodEntry;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.constantpool.LoadableConstantEntry;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.reflect.AccessFlag;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one class file with {@code java.lang.classfile}: what deploy-time inspection needs to know about its
 * shape (supertypes, abstractness, constructors, public methods) and every place its code reaches a
 * JVM-stopping method, either by an invoke instruction or through a method-handle constant.
 */
public final class BytecodeScan {

    private static final Set<String> FORBIDDEN = Set.of("java/lang/System.exit", "java/lang/Runtime.exit",
            "java/lang/Runtime.halt");
    private static final Set<String> HANDLER_TYPES = Set.of("dev/kumo/function/Handler", "dev/kumo/function/Orchestrator",
            "java/util/function/Function",
            "com/amazonaws/services/lambda/runtime/RequestHandler",
            "com/amazonaws/services/lambda/runtime/RequestStreamHandler");

    private static final String GSON_OBJECT = "Lcom/google/gson/JsonObject;";

    private BytecodeScan() {
    }

    /** A forbidden call: the calling {@code method} and the {@code target} as {@code java.lang.System.exit}. */
    public record Call(String method, String target) {
    }

    /**
     * What inspection needs from one class.
     *
     * @param name          internal name, e.g. {@code com/example/Hello}
     * @param supertypes    internal names of the superclass and the direct interfaces
     * @param publicMethods its public methods other than constructors and initializers
     */
    public record ClassInfo(String name, List<String> supertypes, boolean isInterface, boolean isAbstract,
                            boolean hasPublicNoArgConstructor, List<Call> forbiddenCalls,
                            List<MethodInfo> publicMethods) {
    }

    /**
     * A public method.
     *
     * @param descriptor its descriptor, e.g. {@code (Ljava/lang/String;)V}
     * @param parameters the descriptors of its parameter types
     */
    public record MethodInfo(String name, String descriptor, List<String> parameters, boolean isStatic,
                             boolean isBridge) {
    }

    /** Whether a class has a method that can serve as a {@code pkg.Class::method} handler. */
    public sealed interface MethodCheck {

        /** It has; {@code needsInstance} when the preferred overload is an instance method. */
        record Usable(boolean needsInstance) implements MethodCheck {
        }

        /** It has not; {@code reason} says why. */
        record Unusable(String reason) implements MethodCheck {
        }

        /** Not in the jar, but a supertype outside the jar may declare it. */
        record Unknown() implements MethodCheck {
        }
    }

    /** Whether a class implements a handler interface. */
    public enum Verdict { YES, NO, UNKNOWN }

    /**
     * Parses and scans one class file.
     *
     * @throws IllegalArgumentException when the bytes are not a class file this JDK can read
     */
    public static ClassInfo scan(byte[] classFile) {
        ClassModel model = ClassFile.of().parse(classFile);
        var supertypes = new ArrayList<String>();
        model.superclass().ifPresent(c -> supertypes.add(c.asInternalName()));
        model.interfaces().forEach(c -> supertypes.add(c.asInternalName()));
        AccessFlags flags = model.flags();
        boolean publicNoArg = false;
        var calls = new ArrayList<Call>();
        var methods = new ArrayList<MethodInfo>();
        for (MethodModel method : model.methods()) {
            String name = method.methodName().stringValue();
            if (name.equals("<init>") && method.methodType().stringValue().equals("()V")
                    && method.flags().has(AccessFlag.PUBLIC)) {
                publicNoArg = true;
            }
            if (!name.startsWith("<") && method.flags().has(AccessFlag.PUBLIC)) {
                var type = method.methodTypeSymbol();
                methods.add(new MethodInfo(name, method.methodType().stringValue(),
                        type.parameterList().stream().map(ClassDesc::descriptorString).toList(),
                        method.flags().has(AccessFlag.STATIC), method.flags().has(AccessFlag.BRIDGE)));
            }
            method.code().ifPresent(code -> {
                for (CodeElement element : code) {
                    scanInstruction(element, name, calls);
                }
            });
        }
        return new ClassInfo(model.thisClass().asInternalName(), List.copyOf(supertypes),
                flags.has(AccessFlag.INTERFACE), flags.has(AccessFlag.ABSTRACT), publicNoArg, List.copyOf(calls),
                List.copyOf(methods));
    }

    private static void scanInstruction(CodeElement element, String method, List<Call> calls) {
        if (element instanceof InvokeInstruction invoke) {
            check(invoke.owner(), invoke.name().stringValue(), method, calls);
        } else if (element instanceof InvokeDynamicInstruction indy) {
            scanBootstrap(indy.invokedynamic().bootstrap(), method, calls);
        } else if (element instanceof ConstantInstruction.LoadConstantInstruction ldc) {
            scanConstant(ldc.constantEntry(), method, calls);
        }
    }

    private static void scanBootstrap(BootstrapMethodEntry bootstrap, String method, List<Call> calls) {
        scanConstant(bootstrap.bootstrapMethod(), method, calls);
        for (LoadableConstantEntry argument : bootstrap.arguments()) {
            scanConstant(argument, method, calls);
        }
    }

    private static void scanConstant(LoadableConstantEntry constant, String method, List<Call> calls) {
        if (constant instanceof MethodHandleEntry handle) {
            check(handle.reference().owner(), handle.reference().name().stringValue(), method, calls);
        } else if (constant instanceof ConstantDynamicEntry dynamic) {
            scanBootstrap(dynamic.bootstrap(), method, calls);
        }
    }

    private static void check(ClassEntry owner, String name, String method, List<Call> calls) {
        String target = owner.asInternalName() + "." + name;
        if (FORBIDDEN.contains(target)) {
            calls.add(new Call(method, target.replace('/', '.')));
        }
    }

    /**
     * Whether {@code type} implements a handler interface, following supertypes through {@code classes} (the
     * jar) and, for JDK and function-API types outside the jar, through the types this runtime knows.
     * {@link Verdict#UNKNOWN} when a supertype is outside the jar and unknown.
     */
    public static Verdict implementsHandler(ClassInfo type, Map<String, ClassInfo> classes) {
        var queue = new ArrayDeque<>(type.supertypes());
        Set<String> seen = new HashSet<>();
        boolean unknown = false;
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (!seen.add(name)) {
                continue;
            }
            if (HANDLER_TYPES.contains(name)) {
                return Verdict.YES;
            }
            ClassInfo inJar = classes.get(name);
            if (inJar != null) {
                queue.addAll(inJar.supertypes());
                continue;
            }
            switch (outside(name)) {
                case YES -> {
                    return Verdict.YES;
                }
                case UNKNOWN -> unknown = true;
                case NO -> { }
            }
        }
        return unknown ? Verdict.UNKNOWN : Verdict.NO;
    }

    /**
     * Whether {@code type} has a public method {@code name} (declared or inherited through {@code classes}, the
     * jar) with a parameter list a {@code pkg.Class::method} handler may have, by the rules and preference of
     * {@link HandlerShape}.
     */
    public static MethodCheck handlerMethod(ClassInfo type, String name, Map<String, ClassInfo> classes) {
        var named = new ArrayList<MethodInfo>();
        boolean outside = publicMethods(type, name, classes, named);
        var best = named.stream()
                .flatMap(m -> HandlerShape.of(m.parameters(), m.isBridge(), m.descriptor())
                        .map(shape -> Map.entry(shape, m)).stream())
                .min(Map.Entry.comparingByKey(HandlerShape.PREFERENCE));
        if (best.isPresent()) {
            return new MethodCheck.Usable(!best.get().getValue().isStatic());
        }
        if (outside) {
            return new MethodCheck.Unknown();
        }
        String className = type.name().replace('/', '.');
        return new MethodCheck.Unusable(named.isEmpty() ? "class " + className + " has no public method named '"
                + name + "'" : "no public method '" + name + "' of " + className + " takes a usable parameter list "
                + HandlerShape.USABLE + "; found " + named.stream().map(MethodInfo::descriptor).toList());
    }

    /**
     * Whether {@code type} has the {@code public static main(com.google.gson.JsonObject)} of an OpenWhisk Java
     * action, declared or inherited from a superclass in the jar.
     */
    public static boolean hasOpenWhiskMain(ClassInfo type, Map<String, ClassInfo> classes) {
        var mains = new ArrayList<MethodInfo>();
        publicMethods(type, "main", classes, mains);
        return mains.stream().anyMatch(m -> m.isStatic() && m.parameters().equals(List.of(GSON_OBJECT)));
    }

    /**
     * Adds the public methods named {@code name} of {@code type} and its supertypes in the jar to {@code found},
     * the most derived first and each descriptor once (static methods of interfaces are not inherited); JDK and
     * function-API supertypes outside the jar are read by reflection. Returns whether some other supertype lies
     * outside the jar, whose methods cannot be known.
     */
    private static boolean publicMethods(ClassInfo type, String name, Map<String, ClassInfo> classes,
                                         List<MethodInfo> found) {
        var queue = new ArrayDeque<ClassInfo>(List.of(type));
        Set<String> seen = new HashSet<>(Set.of(type.name()));
        Set<String> descriptors = new HashSet<>();
        boolean outside = false;
        while (!queue.isEmpty()) {
            ClassInfo c = queue.poll();
            for (MethodInfo m : c.publicMethods()) {
                if (m.name().equals(name) && (c == type || !(c.isInterface() && m.isStatic()))
                        && descriptors.add(m.descriptor())) {
                    found.add(m);
                }
            }
            for (String supertype : c.supertypes()) {
                ClassInfo inJar = classes.get(supertype);
                if (inJar != null && seen.add(supertype)) {
                    queue.add(inJar);
                } else if (inJar == null) {
                    Optional<Class<?>> known = known(supertype);
                    outside |= known.isEmpty();
                    known.ifPresent(k -> Arrays.stream(k.getMethods())
                            .filter(m -> m.getName().equals(name) && !(k.isInterface() && isStatic(m)))
                            .map(BytecodeScan::info)
                            .filter(m -> descriptors.add(m.descriptor()))
                            .forEach(found::add));
                }
            }
        }
        return outside;
    }

    /** A JDK or function-API type outside the jar, loaded without initialization; empty for any other. */
    private static Optional<Class<?>> known(String internalName) {
        boolean platform = internalName.startsWith("java/") || internalName.startsWith("javax/");
        boolean api = internalName.startsWith("dev/kumo/function/")
                || internalName.startsWith("com/amazonaws/services/lambda/runtime/")
                || internalName.startsWith("com/google/gson/");
        if (!platform && !api) {
            return Optional.empty();
        }
        ClassLoader loader = platform ? ClassLoader.getPlatformClassLoader() : BytecodeScan.class.getClassLoader();
        try {
            return Optional.of(Class.forName(internalName.replace('/', '.'), false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static MethodInfo info(Method m) {
        var parameters = Arrays.stream(m.getParameterTypes()).map(Class::descriptorString).toList();
        return new MethodInfo(m.getName(), "(" + String.join("", parameters) + ")"
                + m.getReturnType().descriptorString(), parameters, isStatic(m), m.isBridge());
    }

    private static boolean isStatic(Method m) {
        return Modifier.isStatic(m.getModifiers());
    }

    private static Verdict outside(String internalName) {
        if (internalName.equals("java/lang/Object")) {
            return Verdict.NO;
        }
        return known(internalName).map(c -> isHandler(c) ? Verdict.YES : Verdict.NO).orElse(Verdict.UNKNOWN);
    }

    private static boolean isHandler(Class<?> c) {
        return dev.kumo.function.Handler.class.isAssignableFrom(c)
                || dev.kumo.function.Orchestrator.class.isAssignableFrom(c)
                || java.util.function.Function.class.isAssignableFrom(c)
                || com.amazonaws.services.lambda.runtime.RequestHandler.class.isAssignableFrom(c)
                || com.amazonaws.services.lambda.runtime.RequestStreamHandler.class.isAssignableFrom(c);
    }
}
