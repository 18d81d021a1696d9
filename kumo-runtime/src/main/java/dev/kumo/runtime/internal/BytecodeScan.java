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
import java.lang.reflect.AccessFlag;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one class file with {@code java.lang.classfile}: what deploy-time inspection needs to know about its
 * shape (supertypes, abstractness, constructors) and every place its code reaches a JVM-stopping method,
 * either by an invoke instruction or through a method-handle constant.
 */
public final class BytecodeScan {

    private static final Set<String> FORBIDDEN = Set.of("java/lang/System.exit", "java/lang/Runtime.exit",
            "java/lang/Runtime.halt");
    private static final Set<String> HANDLER_TYPES = Set.of("dev/kumo/function/Handler", "dev/kumo/function/Orchestrator",
            "java/util/function/Function",
            "com/amazonaws/services/lambda/runtime/RequestHandler",
            "com/amazonaws/services/lambda/runtime/RequestStreamHandler");

    private BytecodeScan() {
    }

    /** A forbidden call: the calling {@code method} and the {@code target} as {@code java.lang.System.exit}. */
    public record Call(String method, String target) {
    }

    /**
     * What inspection needs from one class.
     *
     * @param name       internal name, e.g. {@code com/example/Hello}
     * @param supertypes internal names of the superclass and the direct interfaces
     */
    public record ClassInfo(String name, List<String> supertypes, boolean isInterface, boolean isAbstract,
                            boolean hasPublicNoArgConstructor, List<Call> forbiddenCalls) {
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
        for (MethodModel method : model.methods()) {
            String name = method.methodName().stringValue();
            if (name.equals("<init>") && method.methodType().stringValue().equals("()V")
                    && method.flags().has(AccessFlag.PUBLIC)) {
                publicNoArg = true;
            }
            method.code().ifPresent(code -> {
                for (CodeElement element : code) {
                    scanInstruction(element, name, calls);
                }
            });
        }
        return new ClassInfo(model.thisClass().asInternalName(), List.copyOf(supertypes),
                flags.has(AccessFlag.INTERFACE), flags.has(AccessFlag.ABSTRACT), publicNoArg, List.copyOf(calls));
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

    private static Verdict outside(String internalName) {
        if (internalName.equals("java/lang/Object")) {
            return Verdict.NO;
        }
        boolean platform = internalName.startsWith("java/") || internalName.startsWith("javax/");
        boolean api = internalName.startsWith("dev/kumo/function/")
                || internalName.startsWith("com/amazonaws/services/lambda/runtime/");
        if (!platform && !api) {
            return Verdict.UNKNOWN;
        }
        ClassLoader loader = platform ? ClassLoader.getPlatformClassLoader() : BytecodeScan.class.getClassLoader();
        try {
            Class<?> c = Class.forName(internalName.replace('/', '.'), false, loader);
            return isHandler(c) ? Verdict.YES : Verdict.NO;
        } catch (ClassNotFoundException | LinkageError e) {
            return Verdict.UNKNOWN;
        }
    }

    private static boolean isHandler(Class<?> c) {
        return dev.kumo.function.Handler.class.isAssignableFrom(c)
                || dev.kumo.function.Orchestrator.class.isAssignableFrom(c)
                || java.util.function.Function.class.isAssignableFrom(c)
                || com.amazonaws.services.lambda.runtime.RequestHandler.class.isAssignableFrom(c)
                || com.amazonaws.services.lambda.runtime.RequestStreamHandler.class.isAssignableFrom(c);
    }
}
