package dev.kumo.process.isolation;

import dev.kumo.core.Tier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** {@link Isolation} over whatever {@link IsolationProbes} found; see {@link Isolation#detect}. */
final class DetectedIsolation implements Isolation {

    private final Optional<Cgroups> cgroups;
    private final Availability process;
    private final Availability sandboxTier;
    private final Optional<Sandbox> sandbox;
    private final Optional<NetworkNamespaces> namespaces;
    private final AtomicLong launches = new AtomicLong();

    private DetectedIsolation(Optional<Cgroups> cgroups, Availability process, Availability sandboxTier,
            Optional<Sandbox> sandbox, Optional<NetworkNamespaces> namespaces) {
        this.cgroups = cgroups;
        this.process = process;
        this.sandboxTier = sandboxTier;
        this.sandbox = sandbox;
        this.namespaces = namespaces;
    }

    static DetectedIsolation detect(Path workDir, IsolationProbes probes) {
        Optional<Cgroups> cgroups = Optional.empty();
        String cgroupsMissing = "";
        switch (probes.cgroups().get()) {
            case Cgroups.Detection.Found f -> cgroups = Optional.of(f.cgroups());
            case Cgroups.Detection.Missing m -> cgroupsMissing = m.reason();
        }
        Availability process = cgroups.<Availability>map(c -> new Availability.Available(c.describe()))
                .orElse(new Availability.Available("no resource limits (" + cgroupsMissing + ")"));
        String unavailable = null;
        Optional<Path> bwrap = probes.executable().apply("bwrap");
        Optional<Path> setpriv = probes.executable().apply("setpriv");
        Optional<Path> ip = probes.executable().apply("ip");
        Optional<SeccompFilter> filter = SeccompFilter.forArch(probes.osArch());
        if (!probes.root()) {
            unavailable = "the sandbox tier needs Kumo to run as root (network namespaces, cgroups, bubblewrap setup)";
        } else if (cgroups.isEmpty()) {
            unavailable = "the sandbox tier needs cgroups: " + cgroupsMissing;
        } else if (bwrap.isEmpty()) {
            unavailable = "bubblewrap (bwrap) is not installed (Debian/Ubuntu: apt-get install bubblewrap)";
        } else if (setpriv.isEmpty()) {
            unavailable = "setpriv (util-linux) is not installed";
        } else if (ip.isEmpty()) {
            unavailable = "ip (iproute2) is not installed; it makes the sandbox's network namespace";
        } else if (filter.isEmpty()) {
            unavailable = "no seccomp filter for CPU architecture '" + probes.osArch() + "' (known: x86_64, aarch64)";
        }
        if (unavailable != null) {
            return new DetectedIsolation(cgroups, process, new Availability.Unavailable(unavailable), Optional.empty(),
                    Optional.empty());
        }
        try {
            Path program = writeProgram(workDir, filter.get());
            Sandbox sb = new Sandbox(bwrap.get().toString(), setpriv.get().toString(), Optional.of(program));
            Optional<Path> nft = probes.executable().apply("nft");
            NetworkNamespaces ns = new NetworkNamespaces(ip.get().toString(), nft.map(Path::toString),
                    ProcessHandle.current().pid());
            String summary = "bubblewrap sandbox, seccomp " + filter.get().arch() + ", " + cgroups.get().describe()
                    + ", " + ns.describe();
            return new DetectedIsolation(cgroups, process, new Availability.Available(summary), Optional.of(sb),
                    Optional.of(ns));
        } catch (IOException | RuntimeException e) {
            return new DetectedIsolation(cgroups, process,
                    new Availability.Unavailable("cannot set up the sandbox: " + e.getMessage()), Optional.empty(),
                    Optional.empty());
        }
    }

    private static Path writeProgram(Path workDir, SeccompFilter filter) throws IOException {
        Files.createDirectories(workDir);
        Path file = workDir.resolve("seccomp-" + filter.arch() + ".bpf");
        Path tmp = Files.createTempFile(workDir, "seccomp", ".tmp");
        Files.write(tmp, filter.program());
        return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public Availability availability(Tier tier) {
        return switch (tier) {
            case PROCESS -> process;
            case SANDBOX -> sandboxTier;
            case ISOLATED, SHARED -> new Availability.Unavailable("the " + tier.wireName()
                    + " tier runs in the server's JVM, not as a worker process");
        };
    }

    @Override
    public FunctionNetwork network(NetworkPolicy policy) {
        requireSandbox();
        return switch (policy) {
            case NONE -> namespaces.orElseThrow().create();
            case EGRESS -> FunctionNetwork.host();
        };
    }

    @Override
    public Confinement confine(LaunchRequest request) {
        List<String> command = switch (request.tier()) {
            case PROCESS -> request.command();
            case SANDBOX -> {
                requireSandbox();
                yield request.network().wrap(
                        sandbox.orElseThrow().wrap(request.command(), request.taskRoot(), request.readOnly()));
            }
            case ISOLATED, SHARED -> throw new IllegalArgumentException("not a worker tier: " + request.tier());
        };
        Optional<Cgroup> cgroup = cgroups.map(c -> c.create(
                CgroupNames.sanitize(request.name()) + "-" + launches.incrementAndGet(), request.limits()));
        return Confinement.of(cgroup.map(g -> g.wrap(command)).orElse(command), cgroup);
    }

    private void requireSandbox() {
        if (sandboxTier instanceof Availability.Unavailable u) {
            throw new IsolationException("the sandbox tier is unavailable: " + u.reason());
        }
    }

    @Override
    public void close() {
        namespaces.ifPresent(NetworkNamespaces::close);
        cgroups.ifPresent(Cgroups::close);
    }
}
