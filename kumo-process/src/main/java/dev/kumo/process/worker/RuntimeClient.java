package dev.kumo.process.worker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client of the Lambda Runtime API over one kept-alive socket: plain blocking I/O and a
 * handful of JDK classes, so a worker JVM's first request costs little class loading (no java.net.http).
 * Reconnects once when the server closed the connection.
 */
final class RuntimeClient {

    /** One event. */
    record Event(String requestId, long deadlineMs, byte[] body) {
    }

    private final String hostPort;
    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RuntimeClient(String hostPort) {
        this.hostPort = hostPort;
        int colon = hostPort.lastIndexOf(':');
        this.host = hostPort.substring(0, colon);
        this.port = Integer.parseInt(hostPort.substring(colon + 1));
    }

    /** The endpoint, {@code host:port}. */
    String hostPort() {
        return hostPort;
    }

    /** Opens the connection now instead of at the first request (a generic worker, before its function). */
    void connect() throws IOException {
        if (socket == null) {
            open();
        }
    }

    Event next() throws IOException {
        Response r = exchange("GET", "/2018-06-01/runtime/invocation/next", null, Map.of());
        if (r.status != 200) {
            throw new IOException("GET /next answered " + r.status);
        }
        return new Event(r.headers.get("lambda-runtime-aws-request-id"),
                Long.parseLong(r.headers.getOrDefault("lambda-runtime-deadline-ms", "0")), r.body);
    }

    int respond(String requestId, byte[] body) throws IOException {
        return exchange("POST", "/2018-06-01/runtime/invocation/" + requestId + "/response", body, Map.of()).status;
    }

    int error(String requestId, byte[] body, String errorType) throws IOException {
        return exchange("POST", "/2018-06-01/runtime/invocation/" + requestId + "/error", body,
                Map.of("Lambda-Runtime-Function-Error-Type", errorType)).status;
    }

    int initError(byte[] body, String errorType) throws IOException {
        return exchange("POST", "/2018-06-01/runtime/init/error", body,
                Map.of("Lambda-Runtime-Function-Error-Type", errorType)).status;
    }

    private record Response(int status, Map<String, String> headers, byte[] body) {
    }

    private Response exchange(String method, String path, byte[] body, Map<String, String> headers)
            throws IOException {
        try {
            return once(method, path, body, headers);
        } catch (IOException e) {
            disconnect(); // a kept-alive connection the server closed: retry once on a new one
            return once(method, path, body, headers);
        }
    }

    private Response once(String method, String path, byte[] body, Map<String, String> headers) throws IOException {
        if (socket == null) {
            open();
        }
        var head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append(':').append(port).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.write(body);
        }
        out.flush();
        String status = line();
        if (status == null) {
            throw new IOException("connection closed");
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        var responseHeaders = new HashMap<String, String>();
        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            if (colon > 0) {
                responseHeaders.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        l.substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(responseHeaders.getOrDefault("content-length", "0"));
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
            throw new IOException("connection closed mid-body");
        }
        if ("close".equalsIgnoreCase(responseHeaders.get("connection"))) {
            disconnect();
        }
        return new Response(code, responseHeaders, payload);
    }

    private void open() throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        in = new java.io.BufferedInputStream(socket.getInputStream());
        out = new java.io.BufferedOutputStream(socket.getOutputStream());
    }

    private String line() throws IOException {
        var buffer = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = buffer.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            buffer.write(b);
        }
        return buffer.size() == 0 ? null : buffer.toString(StandardCharsets.ISO_8859_1);
    }

    private void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        socket = null;
    }
}
