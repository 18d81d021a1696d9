package dev.kumo.process;

import dev.kumo.process.isolation.FunctionNetwork;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * A function version's {@link FunctionNetwork}, shared by its workers and closed when the last one is gone.
 * Counted under the owning map's per-key lock ({@code compute}).
 */
final class SharedNetwork {

    private final String key;
    private final FunctionNetwork network;
    private final Map<String, SharedNetwork> owner;
    private int users;

    SharedNetwork(String key, FunctionNetwork network, Map<String, SharedNetwork> owner) {
        this.key = key;
        this.network = network;
        this.owner = owner;
    }

    /** Called inside {@code owner.compute} for this key. */
    void acquire() {
        users++;
    }

    void release() {
        owner.compute(key, (k, current) -> {
            if (current != this) {
                return current;
            }
            if (--users > 0) {
                return this;
            }
            network.close();
            return null;
        });
    }

    InetAddress bindAddress() {
        return network.bindAddress();
    }

    void admit(int port) {
        network.admit(port);
    }

    FunctionNetwork network() {
        return network;
    }

    void closeNow() {
        network.close();
    }
}
