package dev.kumo.process.worker;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The AOT training run: the worker serves a few invocations of a sample handler from a throw-away Runtime API
 * answered by this class on loopback, so the JDK records which classes a real worker loads and links
 * ({@code -XX:AOTCacheOutput}). Not used at run time.
 */
final class Training {

    private static final int ROUNDS = 20;

    private Training() {
    }

    static void run(Path jar, String handler) throws Exception {
        run(jar, handler, ROUNDS, new PrintStream(OutputStream.nullOutputStream()), () -> false);
    }

    /**
     * Serves {@code rounds} events of {@code handler} from {@code jar} through {@link WorkerMain#serve} and a
     * {@link RuntimeClient}, answered by a throw-away endpoint on loopback; the handler's output goes to
     * {@code out}; ends early once {@code stop} says so. Also a generic worker's warm-up.
     */
    static void run(Path jar, String handler, int rounds, PrintStream out, BooleanSupplier stop) throws Exception {
        try (var server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread fake = Thread.ofPlatform().daemon().start(() -> answer(server, rounds, stop));
            var spec = new WorkerSpec("127.0.0.1:" + server.getLocalPort(), jar.toString(), handler, "training",
                    "1", 256, 10_000, null, Map.of(), Map.of());
            try {
                WorkerMain.serve(spec, new RuntimeClient(spec.runtimeApi()), out);
            } catch (IOException e) {
                // the fake endpoint closed after its rounds: training is over
            }
            fake.join(5_000);
        }
    }

    private static void answer(ServerSocket server, int rounds, BooleanSupplier stop) {
        try (Socket socket = server.accept()) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream());
            for (int i = 0; i < rounds && !stop.getAsBoolean(); i++) {
                read(in); // GET /next
                byte[] event = ("{\"name\":\"training " + i + "\",\"numbers\":[1,2," + i + "]}")
                        .getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + event.length
                        + "\r\nLambda-Runtime-Aws-Request-Id: " + String.format("%032x", i)
                        + "\r\nLambda-Runtime-Deadline-Ms: " + (System.currentTimeMillis() + 10_000)
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(event);
                out.flush();
                read(in); // POST /response or /error
                byte[] ok = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: " + ok.length
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(ok);
                out.flush();
            }
            server.close();
        } catch (IOException e) {
            // the worker went away
        }
    }

    private static void read(InputStream in) throws IOException {
        int length = 0;
        var line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1).trim();
            line.reset();
            if (text.isEmpty()) {
                break;
            }
            if (text.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(text.substring(15).trim());
            }
        }
        in.readNBytes(length);
    }
}
