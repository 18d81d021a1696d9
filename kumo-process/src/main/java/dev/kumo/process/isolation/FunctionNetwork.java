package dev.kumo.process.isolation;

import java.net.InetAddress;
import java.util.List;

/**
 * The network a function version's workers run in, set up before its Runtime API endpoint listens.
 * The endpoint binds to {@link #bindAddress()} and then {@link #admit}s its port.
 */
public interface FunctionNetwork extends AutoCloseable {

    /** The address the function's Runtime API endpoint listens on (reachable from the workers). */
    InetAddress bindAddress();

    /** Wraps a worker command so it runs in this network (unchanged for the host network). */
    List<String> wrap(List<String> command);

    /**
     * Makes TCP {@code port} on {@link #bindAddress()} the only thing the workers can reach on the host (a no-op
     * for the host network). Call once the endpoint listens.
     */
    void admit(int port);

    /** A one-line description (for logs and tests). */
    String describe();

    /** Removes the namespace and its links; idempotent. */
    @Override
    void close();

    /** The host's own network: the endpoint on 127.0.0.1, workers share the host's namespace. */
    static FunctionNetwork host() {
        return HostNetwork.INSTANCE;
    }

    /** The host network: nothing to set up or remove. */
    enum HostNetwork implements FunctionNetwork {
        /** The only instance. */
        INSTANCE;

        @Override
        public InetAddress bindAddress() {
            return InetAddress.getLoopbackAddress();
        }

        @Override
        public List<String> wrap(List<String> command) {
            return List.copyOf(command);
        }

        @Override
        public void admit(int port) {
            // the host network is not filtered
        }

        @Override
        public String describe() {
            return "host network";
        }

        @Override
        public void close() {
            // nothing was set up
        }
    }
}
