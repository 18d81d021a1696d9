package dev.kumo.bench;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Times one workflow run or one batch of direct invokes for {@link WorkflowFanout}, and attributes the
 * function activations it caused. Attribution is exact because the benchmark's functions ({@code wf-range},
 * {@code wf-square}, {@code wf-sum}) are called by nothing else and nothing runs concurrently with a probe:
 * before a probe it notes the newest {@code wf-square} activation (the mark); afterwards the activations
 * newer than the mark are this probe's, and there must be exactly one per task.
 */
final class FanoutProbe {

    static final String RANGE = "wf-range";
    static final String SQUARE = "wf-square";
    static final String SUM = "wf-sum";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Activation records are written as the call ends; wait this long for the last ones to be listed. */
    private static final long SETTLE_NANOS = 5_000_000_000L;

    private final Endpoint kumo;
    private final KumoApi api;

    FanoutProbe(Endpoint kumo, KumoApi api) {
        this.kumo = kumo;
        this.api = api;
    }

    /**
     * What one probe measured.
     *
     * @param tasks      function calls made (map elements, plus range and sum for a workflow)
     * @param wallMs     client-observed time from sending the first request to the last answer
     * @param busyMs     sum of the calls' {@code durationMs} (handler run time)
     * @param criticalMs the calls' critical path: range + the longest square + sum for a workflow; the same as
     *                   {@code busyMs} for direct invokes (not used for them)
     */
    record Sample(int tasks, double wallMs, double busyMs, double criticalMs) {
    }

    /** Runs workflow {@code name} on {@code {"n":n}} synchronously over {@code client}; returns wall ms. */
    double runWorkflow(RawHttpClient client, String name, int n) {
        byte[] request = client.post("/v1/workflows/" + name + "/run?timeoutMs=600000", "{\"n\":" + n + "}");
        long t0 = System.nanoTime();
        var response = client.exchange(request);
        double wallMs = (System.nanoTime() - t0) / 1e6;
        check(response, n, name);
        return wallMs;
    }

    /** As {@link #runWorkflow}, and reads the run's activations to get busy time and critical path. */
    Sample measureWorkflow(RawHttpClient client, String name, int n) {
        String mark = newestSquare();
        byte[] request = client.post("/v1/workflows/" + name + "/run?timeoutMs=600000", "{\"n\":" + n + "}");
        long t0 = System.nanoTime();
        var response = client.exchange(request);
        double wallMs = (System.nanoTime() - t0) / 1e6;
        JsonNode result = check(response, n, name);
        JsonNode steps = api.workflowRun(result.path("runId").asString()).path("steps");
        double range = stepDuration(steps, "range");
        double sum = stepDuration(steps, "sum");
        List<JsonNode> squares = squaresSince(mark, n);
        double busy = squares.stream().mapToDouble(a -> a.path("durationMs").asDouble()).sum();
        double longest = squares.stream().mapToDouble(a -> a.path("durationMs").asDouble()).max().orElse(0);
        return new Sample(n + 2, wallMs, busy + range + sum, range + longest + sum);
    }

    /** Invokes {@code wf-square} with x = 0..n-1 from {@code threads} keep-alive connections. */
    Sample measureDirect(int n, int threads) {
        String mark = newestSquare();
        var clients = IntStream.range(0, threads).mapToObj(i -> RawHttpClient.connect(kumo)).toList();
        try {
            var next = new AtomicInteger();
            long t0 = System.nanoTime();
            var workers = clients.stream().map(c -> Thread.ofVirtual().start(() -> {
                for (int x = next.getAndIncrement(); x < n; x = next.getAndIncrement()) {
                    var r = c.exchange(c.post("/v1/functions/" + SQUARE + "/invoke", "{\"x\":" + x + "}"));
                    if (r.status() != 200 || Long.parseLong(r.text().strip()) != (long) x * x) {
                        throw new IllegalStateException(SQUARE + "(" + x + ") answered " + r.status() + ": "
                                + r.text());
                    }
                }
            })).toList();
            for (Thread w : workers) {
                w.join();
            }
            double wallMs = (System.nanoTime() - t0) / 1e6;
            double busy = squaresSince(mark, n).stream().mapToDouble(a -> a.path("durationMs").asDouble()).sum();
            return new Sample(n, wallMs, busy, busy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            clients.forEach(RawHttpClient::close);
        }
    }

    private static JsonNode check(RawHttpClient.Response response, int n, String name) {
        if (response.status() != 200) {
            throw new IllegalStateException("run of " + name + " answered " + response.status() + ": "
                    + response.text());
        }
        JsonNode result = JSON.readTree(response.body());
        long expected = (long) (n - 1) * n * (2L * n - 1) / 6;
        if (!"succeeded".equals(result.path("status").asString())
                || result.path("output").path("sum").asLong() != expected) {
            throw new IllegalStateException("run of " + name + " with n=" + n + " gave " + response.text()
                    + ", expected sum " + expected);
        }
        return result;
    }

    private double stepDuration(JsonNode steps, String step) {
        double ms = 0;
        for (JsonNode id : steps.path(step).path("activationIds")) {
            ms += api.activation(id.asString()).path("durationMs").asDouble();
        }
        return ms;
    }

    private String newestSquare() {
        var newest = api.activations(SQUARE, "success", 1);
        return newest.isEmpty() ? "" : newest.getFirst().path("activationId").asString();
    }

    /** The {@code count} newest {@code wf-square} activations, checked to be exactly those after {@code mark}. */
    private List<JsonNode> squaresSince(String mark, int count) {
        long deadline = System.nanoTime() + SETTLE_NANOS;
        while (true) {
            var page = api.activations(SQUARE, "success", count + 1);
            boolean exact = mark.isEmpty() ? page.size() == count
                    : page.size() == count + 1 && page.getLast().path("activationId").asString().equals(mark);
            if (exact) {
                return page.subList(0, count);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(String.format(Locale.ROOT, "expected %d %s activations after %s, "
                        + "listed %d without finding the mark", count, SQUARE, mark.isEmpty() ? "none" : mark,
                        page.size()));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
