package dev.kumo.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A loopback HTTP server that records every request and answers with replies queued in advance. */
public final class StubServer implements AutoCloseable {

    /** One request as received; path and query are raw (still percent-encoded). */
    public record Recorded(String method, String path, String query, Headers headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    private record Reply(int status, Map<String, String> headers, byte[] body, boolean hang) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private StubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static StubServer start() {
        try {
            return new StubServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public StubServer reply(int status, String body) {
        return reply(status, Map.of("Content-Type", "application/json"), body);
    }

    public StubServer reply(int status, Map<String, String> headers, String body) {
        replies.add(new Reply(status, headers, body.getBytes(StandardCharsets.UTF_8), false));
        return this;
    }

    /** The next request gets no answer until the server closes. */
    public StubServer hang() {
        replies.add(new Reply(0, Map.of(), new byte[0], true));
        return this;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public Recorded only() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests.size() + ": " + requests);
        }
        return requests.getFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            requests.add(new Recorded(exchange.getRequestMethod(), uri.getRawPath(),
                    uri.getRawQuery() == null ? "" : uri.getRawQuery(), exchange.getRequestHeaders(), body));
            Reply reply = replies.poll();
            if (reply == null) {
                reply = new Reply(500, Map.of(), "{\"error\":{\"code\":\"Unexpected\",\"message\":\"no reply queued\"}}"
                        .getBytes(StandardCharsets.UTF_8), false);
            }
            if (reply.hang()) {
                closing.await();
                return;
            }
            reply.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.close();
    }
}
