package dev.kumo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny HTTP/JSON client for tests that want to see raw statuses and headers. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    Http(URI base) {
        this.base = base;
    }

    /** A response with its body as text and JSON. */
    record Reply(int status, java.net.http.HttpHeaders headers, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }

    Reply send(String method, String path, byte[] body, String contentType) {
        return send(method, path, body, contentType, java.util.Map.of());
    }

    Reply send(String method, String path, byte[] body, String contentType, java.util.Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .method(method, body.length == 0 && !method.equals("POST") && !method.equals("PUT")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        var request = builder.build();
        try {
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply get(String path) {
        return send("GET", path, new byte[0], "application/json");
    }

    Reply delete(String path) {
        return send("DELETE", path, new byte[0], "application/json");
    }

    Reply post(String path, String json) {
        return send("POST", path, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    Reply put(String path, String json) {
        return send("PUT", path, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    Reply putJar(String path, byte[] jar) {
        return send("PUT", path, jar, "application/java-archive");
    }

    Reply invoke(String function, String json) {
        return post("/v1/functions/" + function + "/invoke", json);
    }

    /** An asynchronous invoke with extra headers (idempotency key, callback URL). */
    Reply invokeAsync(String function, String json, java.util.Map<String, String> headers) {
        var all = new java.util.HashMap<>(headers);
        all.put("Kumo-Invocation-Type", "async");
        return send("POST", "/v1/functions/" + function + "/invoke", json.getBytes(StandardCharsets.UTF_8),
                "application/json", all);
    }
}
