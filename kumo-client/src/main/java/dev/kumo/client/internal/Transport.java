package dev.kumo.client.internal;

import dev.kumo.client.KumoConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * Sends requests to one Kumo server over {@link HttpClient} and turns transport failures into
 * {@link KumoConnectionException}s that say what to do. HTTP statuses are left to the caller; {@link #call} is the
 * variant that accepts only 2xx. Thread-safe.
 */
public final class Transport implements AutoCloseable {

    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final String base;
    private final Duration timeout;
    private final HttpClient http;

    /** A transport to {@code baseUrl} whose requests each wait at most {@code timeout} for an answer. */
    public Transport(URI baseUrl, Duration timeout) {
        String url = baseUrl.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The base URL without a trailing slash, as shown in messages. */
    public String base() {
        return base;
    }

    /** Sends a request without a body and returns whatever status came back. */
    public Response exchange(String method, RequestTarget target) {
        return send(method, target, request(target).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** Sends a request with a body and returns whatever status came back. */
    public Response exchange(String method, RequestTarget target, String contentType, byte[] body) {
        return send(method, target, request(target).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Sends a request with a body and extra headers and returns whatever status came back. */
    public Response exchange(String method, RequestTarget target, String contentType, byte[] body,
                             java.util.Map<String, String> headers) {
        HttpRequest.Builder request = request(target).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(method, target, request);
    }

    /** Sends a request without a body; a non-2xx answer throws {@link dev.kumo.client.KumoApiException}. */
    public Response call(String method, RequestTarget target) {
        return requireOk(exchange(method, target));
    }

    /** Sends a request with a body; a non-2xx answer throws {@link dev.kumo.client.KumoApiException}. */
    public Response call(String method, RequestTarget target, String contentType, byte[] body) {
        return requireOk(exchange(method, target, contentType, body));
    }

    private static Response requireOk(Response response) {
        if (!response.ok()) {
            throw Wire.apiError(response);
        }
        return response;
    }

    private HttpRequest.Builder request(RequestTarget target) {
        return HttpRequest.newBuilder(URI.create(base + target.render()))
                .timeout(timeout)
                .header("Accept", "application/json");
    }

    private Response send(String method, RequestTarget target, HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(e);
        } catch (HttpTimeoutException e) {
            throw new KumoConnectionException("no answer from Kumo at " + base + " within " + seconds(timeout)
                    + " (" + method + " " + target.path() + ")", e);
        } catch (IOException e) {
            if (refused(e)) {
                throw unreachable(e);
            }
            throw new KumoConnectionException("lost connection to Kumo at " + base + " (" + method + " "
                    + target.path() + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KumoConnectionException("interrupted while waiting for Kumo at " + base, e);
        }
    }

    private KumoConnectionException unreachable(Exception cause) {
        return new KumoConnectionException("cannot reach Kumo at " + base + " (is `./kumo up` running?)", cause);
    }

    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    @Override
    public void close() {
        http.close();
    }
}
