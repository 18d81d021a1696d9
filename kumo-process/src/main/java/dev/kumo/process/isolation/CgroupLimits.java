package dev.kumo.process.isolation;

/**
 * Resource limits of one function instance.
 *
 * @param memoryBytes hard memory limit (RAM, tmpfs pages included; swap is not allowed on top)
 * @param cpuShares   relative CPU weight in cgroup v1 {@code cpu.shares} units (1024 = one vCPU's worth, scaled
 *                    to a v2 {@code cpu.weight} by the v2 backend); work-conserving, so an idle machine lends more
 * @param pidsMax     the most processes and threads the instance may have at once (fork bombs stop here)
 */
public record CgroupLimits(long memoryBytes, int cpuShares, int pidsMax) {

    /** Lambda gives one full vCPU at 1769 MB and CPU proportional to memory below and above that. */
    public static final int MB_PER_VCPU = 1769;
    /** Lambda's limit on processes and threads of an execution environment. */
    public static final int DEFAULT_PIDS_MAX = 1024;

    /** Rejects limits the kernel would refuse or that no worker could start under. */
    public CgroupLimits {
        if (memoryBytes < 16L * 1024 * 1024) {
            throw new IllegalArgumentException("memoryBytes must be at least 16 MiB, got " + memoryBytes);
        }
        if (cpuShares < 2 || cpuShares > 262_144) {
            throw new IllegalArgumentException("cpuShares must be in 2..262144, got " + cpuShares);
        }
        if (pidsMax < 1) {
            throw new IllegalArgumentException("pidsMax must be positive, got " + pidsMax);
        }
    }

    /** Lambda-like limits for a function configured with {@code memoryMb}: CPU proportional to memory. */
    public static CgroupLimits forMemory(int memoryMb) {
        return forMemory(memoryMb, DEFAULT_PIDS_MAX);
    }

    /** Like {@link #forMemory(int)} with an explicit process-count limit. */
    public static CgroupLimits forMemory(int memoryMb, int pidsMax) {
        long shares = Math.max(2, Math.round(memoryMb * 1024.0 / MB_PER_VCPU));
        return new CgroupLimits(memoryMb * 1024L * 1024L, (int) Math.min(262_144, shares), pidsMax);
    }

    /** The v2 {@code cpu.weight} (1..10000) with the same meaning as {@link #cpuShares()} (default 1024 -> 100). */
    public int cpuWeight() {
        return (int) Math.max(1, Math.min(10_000, Math.round(cpuShares * 100.0 / 1024)));
    }
}
