package dev.kumo.process;

import dev.kumo.core.Tier;
import dev.kumo.process.isolation.Availability;
import dev.kumo.process.isolation.CgroupLimits;
import dev.kumo.process.isolation.Confinement;
import dev.kumo.process.isolation.FunctionNetwork;
import dev.kumo.process.isolation.Isolation;
import dev.kumo.process.isolation.LaunchRequest;
import dev.kumo.process.isolation.NetworkPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a tier puts around its workers, over {@link Isolation}: cgroups for the process tier, cgroups plus a
 * bubblewrap sandbox in a network namespace of its own for the sandbox tier, or nothing ({@link #plain()}). The
 * executor asks once per function version for a {@link FunctionNetwork} (its workers' endpoints bind there) and
 * once per worker for a {@link Confinement} (the command line to start, how to kill it, whether it ran out of
 * memory).
 */
public interface Confiner {

    /** Whether workers can be started this way here, and if not, why. */
    Availability availability();

    /**
     * The network of one function version's workers: for the sandbox tier a network namespace of its own
     * ({@link NetworkPolicy#NONE}) or the host's ({@link NetworkPolicy#EGRESS}); the host's for the others.
     */
    FunctionNetwork network(NetworkPolicy policy);

    /**
     * Confines one worker.
     *
     * @param name     names the worker's cgroup
     * @param command  the worker's command line
     * @param taskRoot the function's code, read-only
     * @param readOnly what the worker must read besides the system (runtime homes, the worker class path)
     * @param memoryMb the function's memory limit
     * @param network  the function version's network
     */
    Confinement confine(String name, List<String> command, Path taskRoot, List<Path> readOnly, int memoryMb,
                        FunctionNetwork network);

    /**
     * Confines a process that already runs (a pre-started generic worker JVM taking up a function): moves it into
     * a cgroup with the limits of {@code memoryMb}. Only the process tier adopts: a sandbox must wrap its worker
     * from the start.
     */
    Confinement adopt(String name, long pid, int memoryMb);

    /** The tier {@code tier} of {@code isolation}. */
    static Confiner of(Isolation isolation, Tier tier) {
        return new Confiner() {
            @Override
            public Availability availability() {
                return isolation.availability(tier);
            }

            @Override
            public FunctionNetwork network(NetworkPolicy policy) {
                return tier == Tier.SANDBOX ? isolation.network(policy) : FunctionNetwork.host();
            }

            @Override
            public Confinement confine(String name, List<String> command, Path taskRoot, List<Path> readOnly,
                                       int memoryMb, FunctionNetwork network) {
                return isolation.confine(new LaunchRequest(name, tier, command, CgroupLimits.forMemory(memoryMb),
                        taskRoot, readOnly, network));
            }

            @Override
            public Confinement adopt(String name, long pid, int memoryMb) {
                Confinement c = isolation.confine(LaunchRequest.process(name, List.of("/bin/true"),
                        CgroupLimits.forMemory(memoryMb), Path.of("/")));
                c.cgroup().ifPresent(g -> g.add(pid));
                return c;
            }
        };
    }

    /** Plain processes on loopback without limits (tests, and machines without cgroups). */
    static Confiner plain() {
        return new Confiner() {
            @Override
            public Availability availability() {
                return new Availability.Available("plain processes (no cgroup limits)");
            }

            @Override
            public FunctionNetwork network(NetworkPolicy policy) {
                return FunctionNetwork.host();
            }

            @Override
            public Confinement confine(String name, List<String> command, Path taskRoot, List<Path> readOnly,
                                       int memoryMb, FunctionNetwork network) {
                return Confinement.of(command, Optional.empty());
            }

            @Override
            public Confinement adopt(String name, long pid, int memoryMb) {
                return Confinement.of(List.of(), Optional.empty());
            }
        };
    }
}
