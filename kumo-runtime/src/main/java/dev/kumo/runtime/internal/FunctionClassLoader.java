package dev.kumo.runtime.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Loads one function instance's classes from its {@link CodeIndex}, child-first, so that a function's own
 * libraries win over anything else. Only two groups of names are delegated first, and fall back to the
 * function's jar when the delegate lacks them:
 * <ul>
 *   <li>{@code java.}, {@code javax.}, {@code jdk.}, {@code sun.}: to the JDK's platform class loader;</li>
 *   <li>the function APIs ({@code dev.kumo.function.}, {@code com.amazonaws.services.lambda.runtime.},
 *       {@code tools.jackson.}, {@code com.fasterxml.jackson.annotation.}, {@code com.google.gson.}): to the
 *       runtime's loader, so that handlers, contexts, {@code JsonNode}, Jackson annotations and Gson's
 *       {@code JsonObject} (what OpenWhisk Java actions take and return) are the platform's own types. A jar
 *       that bundles its own Gson still gets the runtime's: its copy is used only for classes the runtime's
 *       Gson lacks.</li>
 * </ul>
 * Any other name not in the jar is looked up in the platform class loader only, which sees the JDK's
 * modules but not the application class path: Netty, Micrometer and Kumo's internals stay invisible
 * ({@link ClassNotFoundException}). Defining classes does no I/O; {@link #getResourceAsStream} serves
 * entries from memory too.
 *
 * <p>This keeps functions from linking against platform internals by accident; it is not a security
 * boundary. Code that asks for {@code ClassLoader.getSystemClassLoader()} explicitly still reaches the
 * application class path, as it can reach anything else in the shared JVM through reflection.
 */
final class FunctionClassLoader extends ClassLoader {

    private static final String[] JDK = {"java.", "javax.", "jdk.", "sun."};
    private static final String[] API = {"dev.kumo.function.", "com.amazonaws.services.lambda.runtime.",
        "tools.jackson.", "com.fasterxml.jackson.annotation.", "com.google.gson."};

    static {
        registerAsParallelCapable();
    }

    private final CodeIndex code;
    private final ClassLoader api;
    private final ClassLoader platform;
    private final ProtectionDomain domain;

    FunctionClassLoader(String name, CodeIndex code, ClassLoader api) {
        super(name, ClassLoader.getPlatformClassLoader());
        this.code = code;
        this.api = api;
        this.platform = ClassLoader.getPlatformClassLoader();
        this.domain = new ProtectionDomain(code.codeSource(), null, this, null);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = lookUp(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private Class<?> lookUp(String name) throws ClassNotFoundException {
        if (startsWithAny(name, JDK)) {
            return delegateThenJar(platform, name);
        }
        if (startsWithAny(name, API)) {
            return delegateThenJar(api, name);
        }
        Class<?> c = defineFromJar(name);
        return c != null ? c : platform.loadClass(name);
    }

    private Class<?> delegateThenJar(ClassLoader delegate, String name) throws ClassNotFoundException {
        try {
            return delegate.loadClass(name);
        } catch (ClassNotFoundException e) {
            Class<?> c = defineFromJar(name);
            if (c == null) {
                throw e;
            }
            return c;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> c = defineFromJar(name);
        if (c == null) {
            throw new ClassNotFoundException(name);
        }
        return c;
    }

    private Class<?> defineFromJar(String name) {
        byte[] bytes = code.get(name.replace('.', '/').concat(".class"));
        if (bytes == null) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String pkg = name.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    definePackage(pkg, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException alreadyDefinedConcurrently) {
                    // another thread defined it first; fine
                }
            }
        }
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    @Override
    public URL getResource(String name) {
        URL url = code.url(name);
        return url != null ? url : platform.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        var urls = new ArrayList<URL>(2);
        URL own = code.url(name);
        if (own != null) {
            urls.add(own);
        }
        urls.addAll(Collections.list(platform.getResources(name)));
        return Collections.enumeration(urls);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        byte[] bytes = code.get(name);
        return bytes != null ? new ByteArrayInputStream(bytes) : platform.getResourceAsStream(name);
    }

    @Override
    protected URL findResource(String name) {
        return code.url(name);
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL own = code.url(name);
        return own == null ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(own));
    }

    private static boolean startsWithAny(String name, String[] prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
