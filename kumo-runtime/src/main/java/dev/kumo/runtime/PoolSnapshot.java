package dev.kumo.runtime;

/**
 * The instance pool at one moment, for metrics and the admin API.
 *
 * @param idleInstances  loaded instances serving nothing (warm, waiting for work or expiry)
 * @param busyInstances  instances starting, serving at least one invocation, or draining after retirement
 * @param memoryUsedMb   node memory budget held by all of them
 * @param memoryBudgetMb the node memory budget
 */
public record PoolSnapshot(int idleInstances, int busyInstances, int memoryUsedMb, int memoryBudgetMb) {
}
