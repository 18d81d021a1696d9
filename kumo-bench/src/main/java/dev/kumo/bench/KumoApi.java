package dev.kumo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The control-plane calls the benchmarks make on a Kumo server (deploy, delete, activation look-up,
 * readiness, metrics), over {@code java.net.http}. Not on any measured path except where noted.
 */
final class KumoApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final HttpClient http;

    KumoApi(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Polls {@code GET /readyz} until it answers 200. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                var r = send(HttpRequest.newBuilder(base.resolve("/readyz")).GET());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (UncheckedIOException e) {
                last = e.getCause().toString();
            }
            sleep(Duration.ofMillis(50));
        }
        throw new IllegalStateException("Kumo at " + base + " not ready after " + timeout + ": " + last);
    }

    /** Creates or updates a function from a jar ({@code PUT /v1/functions/{name}}, code as base64). */
    void deploy(String name, FunctionSpec spec, byte[] jar) {
        deploy(name, spec, jar, 0);
    }

    /** As {@link #deploy(String, FunctionSpec, byte[])}, with a timeout in ms when {@code timeoutMs > 0}. */
    void deploy(String name, FunctionSpec spec, byte[] jar, long timeoutMs) {
        ObjectNode body = JSON.createObjectNode();
        if (timeoutMs > 0) {
            body.put("timeoutMs", timeoutMs);
        }
        body.put("handler", spec.handler());
        body.put("runtime", "java");
        body.put("tier", spec.tier());
        body.put("concurrency", spec.concurrency());
        body.put("maxInstances", spec.maxInstances());
        body.put("memoryMb", spec.memoryMb());
        body.putObject("code").put("jarBase64", Base64.getEncoder().encodeToString(jar));
        var r = send(HttpRequest.newBuilder(base.resolve("/v1/functions/" + name))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        expect(r, "deploy " + name, 200, 201);
    }

    /** Deletes a function ({@code DELETE /v1/functions/{name}}). */
    void delete(String name) {
        var r = send(HttpRequest.newBuilder(base.resolve("/v1/functions/" + name)).DELETE());
        expect(r, "delete " + name, 204, 200, 404);
    }

    /** One activation record ({@code GET /v1/activations/{id}}). */
    JsonNode activation(String id) {
        var r = send(HttpRequest.newBuilder(base.resolve("/v1/activations/" + id)).GET());
        expect(r, "activation " + id, 200);
        return JSON.readTree(r.body());
    }

    /** Invokes a function over a fresh {@code java.net.http} exchange; returns the status code. */
    int invoke(String name, String jsonBody) {
        var r = send(HttpRequest.newBuilder(base.resolve("/v1/functions/" + name + "/invoke"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
        return r.statusCode();
    }

    /**
     * Up to {@code max} activation records of {@code function} with {@code status}, newest first, read page
     * by page from {@code GET /v1/activations}.
     */
    java.util.List<JsonNode> activations(String function, String status, int max) {
        var all = new java.util.ArrayList<JsonNode>();
        String token = "";
        while (all.size() < max) {
            String query = "/v1/activations?function=" + function + "&status=" + status + "&limit="
                    + Math.min(1000, max - all.size())
                    + (token.isEmpty() ? "" : "&nextToken=" + java.net.URLEncoder.encode(token,
                    java.nio.charset.StandardCharsets.UTF_8));
            var r = send(HttpRequest.newBuilder(base.resolve(query)).GET());
            expect(r, "list activations", 200);
            var page = JSON.readTree(r.body());
            page.get("items").forEach(all::add);
            var next = page.get("nextToken");
            if (next == null || next.isNull() || page.get("items").isEmpty()) {
                break;
            }
            token = next.asString();
        }
        return all;
    }

    /** Creates or replaces a workflow definition ({@code PUT /v1/workflows/{name}}). */
    void putWorkflow(String name, String definitionJson) {
        var r = send(HttpRequest.newBuilder(base.resolve("/v1/workflows/" + name))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(definitionJson)));
        expect(r, "put workflow " + name, 200, 201);
    }

    /** Deletes a workflow definition ({@code DELETE /v1/workflows/{name}}). */
    void deleteWorkflow(String name) {
        var r = send(HttpRequest.newBuilder(base.resolve("/v1/workflows/" + name)).DELETE());
        expect(r, "delete workflow " + name, 204, 200, 404);
    }

    /** A workflow run with its step states ({@code GET /v1/workflow-runs/{id}}). */
    JsonNode workflowRun(String id) {
        var r = send(HttpRequest.newBuilder(base.resolve("/v1/workflow-runs/" + id)).GET());
        expect(r, "workflow run " + id, 200);
        return JSON.readTree(r.body());
    }

    /** The Prometheus text of {@code GET /metrics}. */
    String metrics() {
        var r = send(HttpRequest.newBuilder(base.resolve("/metrics")).GET());
        expect(r, "metrics", 200);
        return r.body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("request to " + base + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void expect(HttpResponse<String> r, String what, int... statuses) {
        for (int s : statuses) {
            if (r.statusCode() == s) {
                return;
            }
        }
        String body = r.body().length() > 500 ? r.body().substring(0, 500) + "..." : r.body();
        throw new IllegalStateException(what + " answered " + r.statusCode() + ": " + body);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
