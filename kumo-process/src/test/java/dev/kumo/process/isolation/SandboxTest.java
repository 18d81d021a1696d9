package dev.kumo.process.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.kumo.core.Tier;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real worker in the real sandbox (bubblewrap, seccomp, cgroup, network namespace): it probes what it can see
 * and reach and reports {@code key=value} lines. The sandbox must be available here: CI runs as root and
 * installs bubblewrap, so a missing piece fails with the reason instead of skipping.
 */
class SandboxTest {

    @TempDir
    static Path tmp;

    private static Isolation isolation;
    private static FunctionNetwork network;
    private static final List<ServerSocket> servers = new ArrayList<>();
    private static Path data;
    private static Path taskRoot;

    @BeforeAll
    static void setUp() throws IOException {
        isolation = Isolation.detect(tmp.resolve("work"));
        Availability a = isolation.availability(Tier.SANDBOX);
        if (!a.available()) {
            fail("the sandbox tier must be available on this machine (CI installs bubblewrap and runs as root): "
                    + a.describe());
        }
        data = tmp.resolve("data");
        taskRoot = dir(data.resolve("workers").resolve("fn-a"));
        Files.writeString(data.resolve("secret.txt"), "server secret");
        Files.writeString(dir(data.resolve("workers").resolve("fn-b")).resolve("code.txt"), "another function");
        Path probe = Files.writeString(taskRoot.resolve("probe.sh"), new String(
                SandboxTest.class.getResourceAsStream("sandbox-probe.sh").readAllBytes(), StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));
        network = isolation.network(NetworkPolicy.NONE);
    }

    @AfterAll
    static void tearDown() throws IOException {
        for (ServerSocket s : servers) {
            s.close();
        }
        if (network != null) {
            network.close();
        }
        if (isolation != null) {
            isolation.close();
        }
    }

    @Test
    void theWorkerSeesOnlyItsOwnCodeReadOnlyAndReachesOnlyItsEndpoint() throws Exception {
        ServerSocket endpoint = listen(network.bindAddress());
        network.admit(endpoint.getLocalPort());
        ServerSocket loopback = listen(InetAddress.getLoopbackAddress());
        ServerSocket wildcard = listen(new InetSocketAddress(0).getAddress());
        String hostIp = hostAddress();

        Map<String, String> seen = run(NetworkPolicy.NONE, network, List.of(
                data.resolve("secret.txt").toString(), data.resolve("workers/fn-b/code.txt").toString(),
                network.bindAddress().getHostAddress(), Integer.toString(endpoint.getLocalPort()),
                Integer.toString(loopback.getLocalPort()), Integer.toString(wildcard.getLocalPort()), hostIp));

        assertThat(seen).containsEntry("data", "hidden").containsEntry("other", "hidden")
                .containsEntry("own", "readable").containsEntry("own-write", "no").containsEntry("usr-write", "no")
                .containsEntry("etc-write", "no").containsEntry("tmp", "ok").containsEntry("uid", "65534")
                .containsEntry("caps", "0000000000000000").containsEntry("seccomp", "2")
                .containsEntry("unshare", "denied").containsEntry("mount", "denied")
                .containsEntry("endpoint", "open").containsEntry("loopback", "closed")
                .containsEntry("wildcard", "closed").containsEntry("outside", "closed")
                .containsEntry("hostip", "closed").containsEntry("pid1", "bwrap").containsEntry("hostname", "kumo");
        assertThat(Integer.parseInt(seen.get("procs"))).as("only the sandbox's own processes").isLessThan(6);
    }

    @Test
    void withoutTheFilterUnshareWouldWorkForTheSameUser() throws Exception {
        // The control for "unshare denied": nobody may create a user namespace on this kernel, so it is the filter
        // that denies it in the sandbox (inside `ip netns exec` the kernel refuses it anyway).
        Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "unshare", "-U",
                "true").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void egressSharesTheHostNetwork() throws Exception {
        ServerSocket loopback = listen(InetAddress.getLoopbackAddress());
        FunctionNetwork egress = isolation.network(NetworkPolicy.EGRESS);

        Map<String, String> seen = run(NetworkPolicy.EGRESS, egress, List.of("/nonexistent", "/nonexistent",
                "127.0.0.1", Integer.toString(loopback.getLocalPort()), "1", "1", "127.0.0.1"));

        assertThat(seen).as("outside a network namespace only the seccomp filter stops this (see the control test)")
                .containsEntry("unshare", "denied");
        assertThat(seen).containsEntry("endpoint", "open").containsEntry("uid", "65534").containsEntry("seccomp", "2");
    }

    @Test
    void aMemoryBombInTheSandboxIsKilledAsOutOfMemory() throws Exception {
        try (Confinement c = isolation.confine(new LaunchRequest("bomb", Tier.SANDBOX,
                List.of("/bin/bash", "-c", "x=a; while :; do x=$x$x; done"), CgroupLimits.forMemory(64, 64), taskRoot,
                List.of(), network))) {
            Process p = start(c.command());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isNotZero();
            assertThat(c.oomKilled()).isTrue();
        }
    }

    @Test
    void fillingTmpCountsAgainstTheMemoryLimit() throws Exception {
        try (Confinement c = isolation.confine(new LaunchRequest("tmpfill", Tier.SANDBOX,
                List.of("/bin/bash", "-c", "head -c 300000000 /dev/zero > /tmp/big; echo wrote $(stat -c %s /tmp/big)"),
                CgroupLimits.forMemory(64, 64), taskRoot, List.of(), network))) {
            Process p = start(c.command());
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(c.oomKilled()).as(out).isTrue();
            assertThat(out).doesNotContain("wrote 300000000");
        }
    }

    @Test
    void closingTheNetworkRemovesTheNamespaceAndItsLink() throws Exception {
        FunctionNetwork own = isolation.network(NetworkPolicy.NONE);
        String name = own.wrap(List.of()).get(3);
        String link = name.substring(0, name.indexOf('-')) + "h";
        assertThat(Path.of("/run/netns", name)).exists();
        assertThat(HostCommand.run(List.of("ip", "link", "show", link)).ok()).isTrue();

        own.close();

        assertThat(Path.of("/run/netns", name)).doesNotExist();
        assertThat(HostCommand.run(List.of("ip", "link", "show", link)).ok()).isFalse();
    }

    @Test
    void staleNamespacesOfDeadServersAreRemovedAtStart() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String stale = "kumo16383-" + gone.pid();
        HostCommand.check(List.of("ip", "netns", "add", stale));

        new NetworkNamespaces("ip", IsolationProbes.onPath("nft").map(Path::toString), ProcessHandle.current().pid())
                .close();

        assertThat(Path.of("/run/netns", stale)).doesNotExist();
    }

    private static Map<String, String> run(NetworkPolicy policy, FunctionNetwork net, List<String> args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/bash", taskRoot.resolve("probe.sh").toString()));
        command.addAll(args);
        try (Confinement c = isolation.confine(new LaunchRequest("probe-" + policy, Tier.SANDBOX, command,
                CgroupLimits.forMemory(128), taskRoot, List.of(), net))) {
            Process p = start(c.command());
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            Map<String, String> seen = new HashMap<>();
            out.lines().filter(l -> l.contains("=")).forEach(l -> seen.put(l.substring(0, l.indexOf('=')),
                    l.substring(l.indexOf('=') + 1)));
            return seen;
        }
    }

    private static Process start(List<String> command) throws IOException {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().clear();
        b.environment().put("PATH", "/usr/bin:/bin");
        return b.start();
    }

    private static ServerSocket listen(InetAddress address) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(address, 0));
        servers.add(s);
        Thread.ofVirtual().start(() -> {
            while (!s.isClosed()) {
                try (Socket ignored = s.accept()) {
                    // accepted: the probe only checks that the connection opens
                } catch (IOException e) {
                    return;
                }
            }
        });
        return s;
    }

    /** A non-loopback IPv4 address of this host (not one of the sandbox links). */
    private static String hostAddress() throws IOException {
        for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
            if (nif.isUp() && !nif.isLoopback() && !nif.getName().startsWith("kumo")) {
                for (InetAddress a : nif.inetAddresses().toList()) {
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            }
        }
        return fail("this host has no non-loopback IPv4 address to test against");
    }

    private static Path dir(Path path) throws IOException {
        Files.createDirectories(path);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }
}
