/**
 * Isolation for the process and sandbox tiers: the layer a worker launch goes through before it becomes an OS
 * process. {@link dev.kumo.process.isolation.Isolation} is the facade the executor uses: it is detected once at
 * start ({@link dev.kumo.process.isolation.Isolation#detect}) and answers, per tier, whether it can run workers
 * ({@link dev.kumo.process.isolation.Availability}: available, or unavailable with a reason a deploy error can
 * show). The contract, in launch order:
 * <ol>
 *   <li>per function version, before its Runtime API endpoint listens:
 *       {@code FunctionNetwork net = isolation.network(name, NetworkPolicy.NONE)}; the endpoint binds to
 *       {@code net.bindAddress()} (127.0.0.1 for the process tier and for {@link
 *       dev.kumo.process.isolation.NetworkPolicy#EGRESS}, the host side of a veth pair for
 *       {@link dev.kumo.process.isolation.NetworkPolicy#NONE}) and then calls {@code net.admit(port)} so that port
 *       is the only thing the namespace can reach; {@code net.close()} when the version's workers are gone;</li>
 *   <li>per worker: {@code Confinement c = isolation.confine(new LaunchRequest(...))}; start
 *       {@code new ProcessBuilder(c.command())} with the worker's environment (cleared, then exactly the
 *       worker's variables: the sandbox passes the environment through, so secrets stay out of the world-readable
 *       command line); the command enters its cgroup before it execs the worker, so nothing it forks escapes;</li>
 *   <li>after the worker exits or at a deadline: {@code c.kill()} (SIGKILL to every process of the cgroup),
 *       {@code c.oomKilled()} tells an out-of-memory kill from a crash, {@code c.memoryPeak()} the high-water
 *       mark; {@code c.close()} kills what is left and removes the cgroup.</li>
 * </ol>
 * Below the facade: {@link dev.kumo.process.isolation.Cgroups} (v1 and v2 backends behind one interface, each
 * function instance in its own {@link dev.kumo.process.isolation.Cgroup} under {@code kumo-<server pid>} with
 * memory, CPU share and process-count limits from {@link dev.kumo.process.isolation.CgroupLimits}),
 * {@link dev.kumo.process.isolation.Sandbox} (the bubblewrap command line: minimal read-only root, the task root
 * read-only, private /tmp, own PID/IPC/UTS/user/cgroup namespaces, no capabilities, a seccomp filter from
 * {@link dev.kumo.process.isolation.SeccompFilter}) and {@link dev.kumo.process.isolation.NetworkNamespaces}
 * (one network namespace per function version, joined to the host by a veth pair, no default route).
 * docs/adr/0012-isolation.md explains the choices.
 */
package dev.kumo.process.isolation;
