package dev.kumo.client.internal;

import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * A response as received: status, headers and the whole body.
 *
 * @param status  HTTP status
 * @param headers response headers
 * @param body    the body, empty when none
 */
public record Response(int status, HttpHeaders headers, byte[] body) {

    /** Whether the status is 2xx. */
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }
}
