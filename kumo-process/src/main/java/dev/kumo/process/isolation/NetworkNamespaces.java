package dev.kumo.process.isolation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates one network namespace per function version (the Particle idea: a namespace per function, made
 * ahead of its workers). Each is joined to the host by a veth pair on its own /30 out of 10.213.0.0/16: the
 * host side {@code 10.213.a.b+1} (where the Runtime API endpoint listens), the namespace side
 * {@code 10.213.a.b+2}, and no default route, so nothing beyond the host side is routable. An nftables
 * ingress filter on the host side then drops everything but ARP and TCP to the endpoint's port, so services
 * the host exposes on all interfaces stay out of reach too; without {@code nft} that filter is missing and
 * {@link #describe()} says so. Names: veth {@code kumo<n>h}/{@code kumo<n>s} (claimed atomically by creating the
 * pair), namespace {@code kumo<n>-<server pid>}, nftables table {@code netdev kumo<n>}; namespaces of dead
 * servers are removed at start.
 */
public final class NetworkNamespaces implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NetworkNamespaces.class.getName());
    private static final Pattern OURS = Pattern.compile("kumo(\\d+)-(\\d+)");
    private static final int SLOTS = 16_384;

    private final String ip;
    private final Optional<String> nft;
    private final long pid;
    private final Set<Namespace> live = ConcurrentHashMap.newKeySet();

    /**
     * Uses the {@code ip} (iproute2) and, if present, {@code nft} executables; {@code pid} is this server's
     * process id (names carry it, so another server can tell stale namespaces from live ones).
     */
    public NetworkNamespaces(String ip, Optional<String> nft, long pid) {
        this.ip = ip;
        this.nft = nft;
        this.pid = pid;
        removeStale();
    }

    /** Creates a new namespace joined to the host by a veth pair; {@link FunctionNetwork#close()} removes it. */
    public FunctionNetwork create() {
        int start = ThreadLocalRandom.current().nextInt(SLOTS);
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) % SLOTS;
            HostCommand.Outcome claim = HostCommand.run(List.of(ip, "link", "add", hostLink(slot), "type", "veth",
                    "peer", "name", sandboxLink(slot)));
            if (claim.ok()) {
                Namespace ns = new Namespace(slot);
                try {
                    ns.setUp();
                } catch (RuntimeException e) {
                    ns.close();
                    throw e;
                }
                live.add(ns);
                return ns;
            }
            if (!claim.output().contains("exists")) {
                throw new IsolationException("cannot create a veth pair: " + claim.output());
            }
        }
        throw new IsolationException("all " + SLOTS + " sandbox network slots are in use");
    }

    /** What kind of filtering the namespaces get. */
    public String describe() {
        return "network namespace per function (veth /30 in 10.213.0.0/16, no default route"
                + (nft.isPresent() ? ", nftables admits only the Runtime API port)"
                : "; no nft: host services listening on all interfaces are reachable from sandboxes)");
    }

    /** Removes every namespace this instance created. */
    @Override
    public void close() {
        List.copyOf(live).forEach(Namespace::close);
    }

    private void removeStale() {
        Path dir = Path.of("/run/netns");
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "kumo*")) {
            s.forEach(entries::add);
        } catch (Exception e) {
            return;
        }
        for (Path entry : entries) {
            Matcher m = OURS.matcher(entry.getFileName().toString());
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) {
                int slot = Integer.parseInt(m.group(1));
                LOG.log(System.Logger.Level.INFO, "removing stale sandbox network namespace " + entry.getFileName());
                HostCommand.run(List.of(ip, "netns", "delete", entry.getFileName().toString()));
                HostCommand.run(List.of(ip, "link", "delete", hostLink(slot)));
                nft.ifPresent(n -> HostCommand.run(List.of(n, "delete", "table", "netdev", table(slot))));
            }
        }
    }

    private static String hostLink(int slot) {
        return "kumo" + slot + "h";
    }

    private static String sandboxLink(int slot) {
        return "kumo" + slot + "s";
    }

    private static String table(int slot) {
        return "kumo" + slot;
    }

    static String address(int slot, int host) {
        return "10.213." + (slot / 64) + "." + ((slot % 64) * 4 + host);
    }

    /** One namespace and its veth pair. */
    private final class Namespace implements FunctionNetwork {
        private final int slot;
        private final String name;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicBoolean nsCreated = new AtomicBoolean();

        Namespace(int slot) {
            this.slot = slot;
            this.name = "kumo" + slot + "-" + pid;
        }

        void setUp() {
            String host = hostLink(slot);
            String inner = sandboxLink(slot);
            HostCommand.check(List.of(ip, "netns", "add", name));
            nsCreated.set(true);
            // No IPv6 on the host side: no link-local address for the sandbox to reach host services through.
            Path v6 = Path.of("/proc/sys/net/ipv6/conf", host, "disable_ipv6");
            if (Files.exists(v6)) {
                CgroupFs.write(v6, "1");
            }
            HostCommand.check(List.of(ip, "link", "set", inner, "netns", name));
            HostCommand.check(List.of(ip, "addr", "add", address(slot, 1) + "/30", "dev", host));
            HostCommand.check(List.of(ip, "link", "set", host, "up"));
            HostCommand.check(List.of(ip, "-n", name, "addr", "add", address(slot, 2) + "/30", "dev", inner));
            HostCommand.check(List.of(ip, "-n", name, "link", "set", inner, "up"));
            HostCommand.check(List.of(ip, "-n", name, "link", "set", "lo", "up"));
            admitOnly("");
        }

        @Override
        public InetAddress bindAddress() {
            try {
                return InetAddress.getByName(address(slot, 1));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<String> wrap(List<String> command) {
            List<String> wrapped = new ArrayList<>(List.of(ip, "netns", "exec", name));
            wrapped.addAll(command);
            return wrapped;
        }

        @Override
        public void admit(int port) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be in 1..65535, got " + port);
            }
            admitOnly("    ip daddr " + address(slot, 1) + " tcp dport " + port + " accept\n");
        }

        /** Replaces the host side's ingress filter: ARP and {@code rule}, nothing else. */
        private void admitOnly(String rule) {
            if (nft.isEmpty()) {
                return;
            }
            String t = table(slot);
            String script = "table netdev " + t + " {}\n"
                    + "delete table netdev " + t + "\n"
                    + "table netdev " + t + " {\n"
                    + "  chain ingress {\n"
                    + "    type filter hook ingress device \"" + hostLink(slot) + "\" priority 0; policy drop;\n"
                    + "    meta protocol arp accept\n"
                    + rule
                    + "  }\n"
                    + "}\n";
            HostCommand.Outcome o = HostCommand.run(List.of(nft.get(), "-f", "-"), script);
            if (!o.ok()) {
                throw new IsolationException("cannot install the sandbox network filter: " + o.output());
            }
        }

        @Override
        public String describe() {
            return "namespace " + name + " (" + address(slot, 2) + " -> endpoint on " + address(slot, 1) + ")";
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            live.remove(this);
            if (nsCreated.get()) {
                HostCommand.run(List.of(ip, "netns", "delete", name));
            }
            HostCommand.run(List.of(ip, "link", "delete", hostLink(slot)));
            nft.ifPresent(n -> HostCommand.run(List.of(n, "delete", "table", "netdev", table(slot))));
        }

        @Override
        public String toString() {
            return describe();
        }
    }
}
