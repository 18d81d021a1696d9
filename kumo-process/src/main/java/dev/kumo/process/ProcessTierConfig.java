package dev.kumo.process;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Settings of the process and sandbox tiers. Start from {@link #defaults(Path)} and change fields with the
 * {@code with*} methods.
 *
 * @param workDir      where task roots (extracted code, one read-only directory per code hash) and the
 *                     runtimes' bootstraps are written; {@code <data>/workers} in the server
 * @param workerHome   the Java worker's home: {@code lib/} (its class path) and {@code kumo-worker.aot} (the AOT
 *                     cache trained at build time); empty: the server's own class path, no AOT cache
 * @param region       {@code AWS_REGION} and the region in function ARNs
 * @param poolMax      most pre-started generic worker JVMs per memory size; 0 turns the pool off
 * @param poolBudgetMb memory all idle generic worker JVMs may take together (each counts its memory size)
 * @param maxLogLines  log lines kept per activation
 * @param maxLogBytes  log bytes kept per activation
 */
public record ProcessTierConfig(Path workDir, Optional<Path> workerHome, String region, int poolMax,
                                int poolBudgetMb, int maxLogLines, int maxLogBytes) {

    /** The default region, as on a fresh AWS CLI profile. */
    public static final String DEFAULT_REGION = "us-east-1";

    /** Validates the values. */
    public ProcessTierConfig {
        if (workDir == null || workerHome == null || region == null || !region.matches("[a-z0-9-]{1,32}")) {
            throw new IllegalArgumentException("workDir, workerHome and a region like us-east-1 are required");
        }
        if (poolMax < 0 || poolBudgetMb < 0 || maxLogLines <= 0 || maxLogBytes <= 0) {
            throw new IllegalArgumentException("pool sizes must not be negative, log limits must be positive");
        }
    }

    /**
     * Defaults below {@code workDir}: region us-east-1, up to 2 generic worker JVMs per memory size within 1 GiB,
     * 1,000 lines / 64 KiB of logs per activation, no worker home.
     */
    public static ProcessTierConfig defaults(Path workDir) {
        return new ProcessTierConfig(workDir, Optional.empty(), DEFAULT_REGION, 2, 1024, 1_000, 64 * 1024);
    }

    /** A copy with a worker home. */
    public ProcessTierConfig withWorkerHome(Path home) {
        return new ProcessTierConfig(workDir, Optional.of(home), region, poolMax, poolBudgetMb, maxLogLines,
                maxLogBytes);
    }

    /** A copy with another region. */
    public ProcessTierConfig withRegion(String value) {
        return new ProcessTierConfig(workDir, workerHome, value, poolMax, poolBudgetMb, maxLogLines, maxLogBytes);
    }

    /** A copy with another pool size and budget. */
    public ProcessTierConfig withPool(int max, int budgetMb) {
        return new ProcessTierConfig(workDir, workerHome, region, max, budgetMb, maxLogLines, maxLogBytes);
    }

    /** A copy with other per-activation log limits. */
    public ProcessTierConfig withLogLimits(int lines, int bytes) {
        return new ProcessTierConfig(workDir, workerHome, region, poolMax, poolBudgetMb, lines, bytes);
    }
}
