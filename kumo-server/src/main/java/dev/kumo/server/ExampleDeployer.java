package dev.kumo.server;

import dev.kumo.server.routes.DeployRequest;
import dev.kumo.server.routes.Deployer;
import dev.kumo.workflow.WorkflowRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deploys the functions listed in a jar's {@code META-INF/kumo/functions.json}, each as {@code $LATEST}
 * with that jar as code, then the workflows under {@code META-INF/kumo/workflows/}. Redeploying unchanged examples
 * only bumps their revision; the code is stored once.
 */
final class ExampleDeployer {

    /** The manifest format. */
    record Manifest(List<DeployRequestEntry> functions) {
    }

    /** One function of the manifest: a name plus the usual deploy fields. */
    record DeployRequestEntry(String name, String handler, String tier, Integer concurrency, Long timeoutMs,
                              Integer memoryMb, String description) {
    }

    private ExampleDeployer() {
    }

    /**
     * Stores every workflow definition {@code META-INF/kumo/workflows/NAME.json} of the jar as workflow
     * {@code NAME} (after the functions, which their steps name) and returns the names.
     */
    static List<String> deployWorkflows(Path jar, WorkflowRuntime workflows) {
        var prefix = "META-INF/kumo/workflows/";
        try (var jarFile = new JarFile(jar.toFile())) {
            var names = new ArrayList<String>();
            for (var entry : java.util.Collections.list(jarFile.entries())) {
                var path = entry.getName();
                if (path.startsWith(prefix) && path.endsWith(".json") && path.indexOf('/', prefix.length()) < 0) {
                    try (var in = jarFile.getInputStream(entry)) {
                        var name = path.substring(prefix.length(), path.length() - ".json".length());
                        workflows.put(name, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                        names.add(name);
                    }
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read examples jar " + jar, e);
        }
    }

    /** Deploys every function in the jar's manifest and returns their names. */
    static List<String> deploy(Path jar, Deployer deployer) {
        try (var jarFile = new JarFile(jar.toFile())) {
            var entry = jarFile.getJarEntry("META-INF/kumo/functions.json");
            if (entry == null) {
                throw new IllegalArgumentException(jar + " has no META-INF/kumo/functions.json");
            }
            Manifest manifest;
            try (var in = jarFile.getInputStream(entry)) {
                manifest = JsonMapper.builder().build().readValue(in, Manifest.class);
            }
            byte[] code = Files.readAllBytes(jar);
            var names = new ArrayList<String>();
            for (var f : manifest.functions()) {
                deployer.deploy(f.name(), new DeployRequest(f.handler(), "java", null, f.memoryMb(), f.timeoutMs(),
                        f.concurrency(), null, f.tier(), null, f.description()), Optional.of(code));
                names.add(f.name());
            }
            names.addAll(deployProcessExamples(jar, deployer));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read examples jar " + jar, e);
        }
    }

    /** One process-tier example of {@code examples/process/functions.json}: its files are in {@code dir}. */
    record ProcessExample(String name, String runtime, String handler, String dir, String description) {
    }

    /** The manifest of the process-tier examples. */
    record ProcessManifest(List<ProcessExample> functions) {
    }

    /**
     * Deploys the Node.js, Python and shell examples of {@code examples/process/} (next to the examples module's
     * {@code target/}, so only from a source checkout), each directory zipped. One whose tier or runtime this
     * node cannot run (no node, no python3, process tier off) is left out.
     */
    static List<String> deployProcessExamples(Path jar, Deployer deployer) {
        Path module = jar.toAbsolutePath().getParent().getParent();
        Path manifestFile = module == null ? null : module.resolve("process/functions.json");
        if (manifestFile == null || !Files.isRegularFile(manifestFile)) {
            return List.of();
        }
        try {
            var manifest = JsonMapper.builder().build().readValue(manifestFile.toFile(), ProcessManifest.class);
            var names = new ArrayList<String>();
            for (var f : manifest.functions()) {
                try {
                    deployer.deploy(f.name(), new DeployRequest(f.handler(), f.runtime(), null, null, null, null, null,
                            null, null, f.description()), Optional.of(zip(manifestFile.resolveSibling(f.dir()))));
                    names.add(f.name());
                } catch (RuntimeException e) {
                    // this node cannot run it (the banner says which tier is missing), or the example is broken
                }
            }
            return names;
        } catch (IOException | RuntimeException e) {
            return List.of(); // examples are a convenience; a broken checkout must not stop the server
        }
    }

    private static byte[] zip(Path dir) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(bytes); var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(dir.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
