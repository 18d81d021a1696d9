package dev.kumo.bench;

import java.net.URI;

/**
 * An HTTP server under test and the path a benchmark request goes to.
 *
 * @param label what it is, e.g. {@code kumo} or {@code raw netty}
 * @param host  host to connect to
 * @param port  port to connect to
 * @param path  request path, e.g. {@code /v1/functions/noop/invoke}
 */
record Endpoint(String label, String host, int port, String path) {

    /** The full URL of the request. */
    URI url() {
        return URI.create("http://" + host + ":" + port + path);
    }

    /** The server's base URI, without the path. */
    URI base() {
        return URI.create("http://" + host + ":" + port);
    }
}
