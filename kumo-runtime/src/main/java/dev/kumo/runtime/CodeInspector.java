package dev.kumo.runtime;

import dev.kumo.core.Runtimes;
import dev.kumo.runtime.internal.BytecodeScan;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks a jar at deploy time, before it is stored, with the JDK's {@code java.lang.classfile} API. Every
 * class entry is scanned (multi-release {@code META-INF/versions/} entries too; nested jars are not opened)
 * for anything that would stop the JVM all functions share: invocations of {@code System.exit},
 * {@code Runtime.exit} or {@code Runtime.halt}, and method-handle constants referring to them (loaded with
 * {@code ldc} or passed to {@code invokedynamic} or dynamic-constant bootstraps, as method references are).
 * Then the handler must be usable: for {@code pkg.Class}, the class must exist, be concrete, have a public no-arg
 * constructor and implement one of the handler interfaces, or else have the {@code public static
 * main(com.google.gson.JsonObject)} of an OpenWhisk Java action; for {@code pkg.Class::method}, the class must
 * have a public method of that name with a parameter list AWS Lambda accepts (and be concrete with a public
 * no-arg constructor when the overload that wins is an instance method). A supertype outside the jar that cannot
 * be resolved is given the benefit of the doubt.
 *
 * <p>Known gap: calls made through reflection ({@code Method.invoke}, method handles looked up by name) or
 * by code generated at run time cannot be seen statically and are not caught.
 */
public final class CodeInspector {

    /** Class files are bounded by the JVM's own limits; anything bigger is a zip bomb or not a class. */
    private static final int MAX_CLASS_BYTES = 16 * 1024 * 1024;

    private CodeInspector() {
    }

    /**
     * Inspects {@code jar} for deployment with {@code handler}: a binary class name, or {@code pkg.Class::method}.
     */
    public static Inspection inspect(byte[] jar, String handler) {
        if (!looksLikeZip(jar)) {
            return new Inspection.NotAJar("not a zip/jar archive");
        }
        Map<String, BytecodeScan.ClassInfo> classes = new HashMap<>();
        var forbidden = new LinkedHashSet<ForbiddenCall>();
        try (var zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(".class")) {
                    continue;
                }
                byte[] classFile = zip.readNBytes(MAX_CLASS_BYTES + 1);
                if (classFile.length > MAX_CLASS_BYTES) {
                    return new Inspection.NotAJar("entry '" + name + "' is larger than any class file can be");
                }
                BytecodeScan.ClassInfo info;
                try {
                    info = BytecodeScan.scan(classFile);
                } catch (IllegalArgumentException e) {
                    return new Inspection.NotAJar("entry '" + name + "' is not a valid class file: " + e.getMessage());
                }
                for (BytecodeScan.Call call : info.forbiddenCalls()) {
                    forbidden.add(new ForbiddenCall(info.name().replace('/', '.'), call.method(), call.target()));
                }
                if (!name.startsWith("META-INF/versions/") || !classes.containsKey(info.name())) {
                    classes.put(info.name(), info);
                }
            }
        } catch (IOException e) {
            return new Inspection.NotAJar("cannot read the archive: " + e.getMessage());
        }
        if (!forbidden.isEmpty()) {
            return new Inspection.ForbiddenCalls(new ArrayList<>(forbidden));
        }
        return checkHandler(classes, handler);
    }

    private static Inspection checkHandler(Map<String, BytecodeScan.ClassInfo> classes, String handler) {
        String className = Runtimes.handlerClass(handler);
        BytecodeScan.ClassInfo type = classes.get(className.replace('.', '/'));
        if (type == null) {
            return new Inspection.HandlerMissing(className);
        }
        if (!className.equals(handler)) {
            String method = handler.substring(className.length() + 2);
            return switch (BytecodeScan.handlerMethod(type, method, classes)) {
                case BytecodeScan.MethodCheck.Usable(boolean needsInstance) -> needsInstance
                        ? checkInstantiable(type, handler).orElse(new Inspection.Ok()) : new Inspection.Ok();
                case BytecodeScan.MethodCheck.Unknown _ -> new Inspection.Ok();
                case BytecodeScan.MethodCheck.Unusable(String reason) -> new Inspection.HandlerInvalid(handler, reason);
            };
        }
        BytecodeScan.Verdict implemented = BytecodeScan.implementsHandler(type, classes);
        if (implemented == BytecodeScan.Verdict.NO && BytecodeScan.hasOpenWhiskMain(type, classes)) {
            return new Inspection.Ok();
        }
        Optional<Inspection> notInstantiable = checkInstantiable(type, handler);
        if (notInstantiable.isPresent()) {
            return notInstantiable.get();
        }
        return switch (implemented) {
            case YES, UNKNOWN -> new Inspection.Ok();
            case NO -> new Inspection.HandlerInvalid(handler, "it implements none of dev.kumo.function.Handler, "
                    + "dev.kumo.function.Orchestrator, java.util.function.Function, "
                    + "com.amazonaws.services.lambda.runtime.RequestHandler or "
                    + "com.amazonaws.services.lambda.runtime.RequestStreamHandler, and has no public static "
                    + "main(com.google.gson.JsonObject); name a method as 'pkg.Class::method'");
        };
    }

    private static Optional<Inspection> checkInstantiable(BytecodeScan.ClassInfo type, String handler) {
        if (type.isInterface()) {
            return Optional.of(new Inspection.HandlerInvalid(handler, "it is an interface, not a class"));
        }
        if (type.isAbstract()) {
            return Optional.of(new Inspection.HandlerInvalid(handler, "it is abstract"));
        }
        if (!type.hasPublicNoArgConstructor()) {
            return Optional.of(new Inspection.HandlerInvalid(handler, "it has no public no-arg constructor"));
        }
        return Optional.empty();
    }

    private static boolean looksLikeZip(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K'
                && ((bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6));
    }
}
