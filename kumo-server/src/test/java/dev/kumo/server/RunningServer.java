package dev.kumo.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A {@link KumoServer} on a free loopback port with its own data directory and the examples, plus an HTTP client. */
public final class RunningServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Path examplesJar;

    private final KumoServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RunningServer(KumoServer server) {
        this.server = server;
    }

    /** Starts a node with the examples deployed and {@code tweak} applied to its configuration. */
    public static RunningServer start(Path data, UnaryOperator<ServerConfig> tweak) {
        var config = tweak.apply(ServerConfig.defaults().withPort(0).withDataDir(data).withExamples(examplesJar()));
        return new RunningServer(KumoServer.start(config));
    }

    /** The server. */
    public KumoServer server() {
        return server;
    }

    /** An answer. */
    public record Reply(int status, HttpHeaders headers, byte[] bytes) {

        /** The body as text. */
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** The body as JSON. */
        public JsonNode json() {
            return JSON.readTree(bytes);
        }

        /** The first value of a header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** Sends a request with a JSON (or any) body and extra headers. */
    public Reply send(String method, String path, byte[] body, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(URI.create(server.uri() + path)).timeout(Duration.ofSeconds(60))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        try {
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply send(String method, String path, String body, Map<String, String> headers) {
        return send(method, path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public Reply get(String path) {
        return send("GET", path, new byte[0], Map.of());
    }

    public Reply put(String path, String json) {
        return send("PUT", path, json, Map.of("Content-Type", "application/json"));
    }

    public Reply post(String path, String json) {
        return send("POST", path, json, Map.of("Content-Type", "application/json"));
    }

    public Reply delete(String path) {
        return send("DELETE", path, new byte[0], Map.of());
    }

    /** An asynchronous invoke through {@code ?mode=async}. */
    public Reply invokeAsync(String function, String json, Map<String, String> headers) {
        return send("POST", "/v1/functions/" + function + "/invoke?mode=async", json, headers);
    }

    /** Creates or replaces {@code name} with a jar of {@code classes} and extra deploy fields ({@code "k":v,...}). */
    public Reply deploy(String name, Class<?> handler, String extraFields) {
        String jar = Base64.getEncoder().encodeToString(jarOf(handler));
        return put("/v1/functions/" + name, "{\"handler\":\"" + handler.getName() + "\",\"code\":{\"jarBase64\":\""
                + jar + "\"}" + (extraFields.isEmpty() ? "" : "," + extraFields) + "}");
    }

    @Override
    public void close() {
        server.close();
        http.close();
    }

    /** Packs classes (with their nested classes) into a function jar. */
    static byte[] jarOf(Class<?> handler) {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var jar = new JarOutputStream(bytes)) {
            var dir = Path.of(handler.getProtectionDomain().getCodeSource().getLocation().toURI());
            String pkg = handler.getPackageName().replace('.', '/');
            try (var files = Files.list(dir.resolve(pkg))) {
                for (var file : files.filter(f -> f.getFileName().toString().startsWith(handler.getSimpleName()))
                        .toList()) {
                    jar.putNextEntry(new JarEntry(pkg + "/" + file.getFileName()));
                    jar.write(Files.readAllBytes(file));
                    jar.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The examples jar: the module's jar when Maven resolved one, else (a reactor build that stopped before
     * {@code package}) its classes directory packed into a temporary jar.
     */
    static synchronized Path examplesJar() {
        if (examplesJar != null) {
            return examplesJar;
        }
        try {
            var location = Path.of(Class.forName("dev.kumo.examples.Hello").getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            if (Files.isRegularFile(location)) {
                examplesJar = location;
                return location;
            }
            var jarFile = Files.createTempFile("kumo-server-test-examples-", ".jar");
            jarFile.toFile().deleteOnExit();
            try (var jar = new JarOutputStream(Files.newOutputStream(jarFile));
                 var files = Files.walk(location)) {
                for (var file : files.filter(Files::isRegularFile).sorted().toList()) {
                    jar.putNextEntry(new JarEntry(location.relativize(file).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(file));
                    jar.closeEntry();
                }
            }
            examplesJar = jarFile;
            return jarFile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
            throw new IllegalStateException("the examples are not on the test class path", e);
        }
    }
}
