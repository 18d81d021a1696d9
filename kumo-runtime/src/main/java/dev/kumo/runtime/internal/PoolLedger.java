package dev.kumo.runtime.internal;

import dev.kumo.core.FunctionVersion;
import dev.kumo.runtime.PoolSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The instance pool's books: live instances per version key, instances draining after retirement, and the
 * memory they hold. Not thread-safe; {@link InstancePool} calls it under its lock only.
 */
final class PoolLedger {

    private final int budgetMb;
    private final Map<String, List<PooledInstance>> live = new HashMap<>();
    private final Set<PooledInstance> draining = Collections.newSetFromMap(new IdentityHashMap<>());
    private int usedMb;
    private long useClock;
    private boolean dropped;

    PoolLedger(int budgetMb) {
        this.budgetMb = budgetMb;
    }

    /** The live instances of a version key, creating the list; drop it with {@link #forgetIfEmpty}. */
    List<PooledInstance> instances(String key) {
        return live.computeIfAbsent(key, k -> new ArrayList<>(2));
    }

    boolean hasLive(String key) {
        List<PooledInstance> instances = live.get(key);
        return instances != null && !instances.isEmpty();
    }

    void forgetIfEmpty(String key) {
        List<PooledInstance> instances = live.get(key);
        if (instances != null && instances.isEmpty()) {
            live.remove(key);
        }
    }

    /** Marks {@code p} as just used, for least-recently-used eviction. */
    void touch(PooledInstance p) {
        p.lastUse = ++useClock;
    }

    /** The busiest instance with a free slot, preferring started ones, then the most recently used. */
    static PooledInstance pick(List<PooledInstance> instances) {
        PooledInstance best = null;
        for (PooledInstance p : instances) {
            if (p.hasFreeSlot() && (best == null || better(p, best))) {
                best = p;
            }
        }
        return best;
    }

    private static boolean better(PooledInstance p, PooledInstance q) {
        if (p.starting != q.starting) {
            return !p.starting;
        }
        if (p.busy != q.busy) {
            return p.busy > q.busy;
        }
        return p.lastUse > q.lastUse;
    }

    /**
     * Reserves memory, first evicting idle instances least recently used first into {@code evicted} when
     * that is enough to make room; evicts nothing when it is not.
     */
    boolean reserve(int memoryMb, List<PooledInstance> evicted) {
        if (usedMb + memoryMb > budgetMb) {
            int idleMb = 0;
            for (List<PooledInstance> instances : live.values()) {
                for (PooledInstance p : instances) {
                    idleMb += p.idle() ? p.memoryMb : 0;
                }
            }
            if (usedMb - idleMb + memoryMb > budgetMb) {
                return false;
            }
            while (usedMb + memoryMb > budgetMb) {
                PooledInstance lru = leastRecentlyUsedIdle();
                removeLive(lru);
                free(lru);
                evicted.add(lru);
            }
        }
        usedMb += memoryMb;
        return true;
    }

    /** Reserves memory only if it is free without evicting anything (pre-warms never evict). */
    boolean reserveFree(int memoryMb) {
        if (usedMb + memoryMb > budgetMb) {
            return false;
        }
        usedMb += memoryMb;
        return true;
    }

    private PooledInstance leastRecentlyUsedIdle() {
        PooledInstance lru = null;
        for (List<PooledInstance> instances : live.values()) {
            for (PooledInstance p : instances) {
                if (p.idle() && (lru == null || p.lastUse < lru.lastUse)) {
                    lru = p;
                }
            }
        }
        return lru;
    }

    /** Takes {@code p} out of its version's list (it no longer takes work); its memory stays held. */
    void removeLive(PooledInstance p) {
        p.retired = true;
        String key = p.version.instanceKey();
        List<PooledInstance> instances = live.get(key);
        if (instances != null && instances.remove(p) && instances.isEmpty()) {
            live.remove(key);
        }
        if (!p.freed) {
            draining.add(p);
        }
    }

    /** Returns the instance's memory to the budget; true the first time only. */
    boolean free(PooledInstance p) {
        draining.remove(p);
        if (p.freed) {
            return false;
        }
        p.freed = true;
        usedMb -= p.memoryMb;
        dropped = true;
        return true;
    }

    /** Removes and frees idle instances whose window ended by {@code now}. */
    List<PooledInstance> removeExpired(Instant now) {
        var expired = new ArrayList<PooledInstance>();
        for (var it = live.values().iterator(); it.hasNext(); ) {
            List<PooledInstance> instances = it.next();
            instances.removeIf(p -> {
                boolean due = p.idle() && !p.expiresAt.isAfter(now);
                if (due) {
                    p.retired = true;
                    free(p);
                    expired.add(p);
                }
                return due;
            });
            if (instances.isEmpty()) {
                it.remove();
            }
        }
        return expired;
    }

    /** Retires the instances of matching versions; returns the idle ones, now freed, to be closed. */
    List<PooledInstance> retire(Predicate<FunctionVersion> match) {
        var idle = new ArrayList<PooledInstance>();
        for (var it = live.values().iterator(); it.hasNext(); ) {
            List<PooledInstance> instances = it.next();
            if (instances.isEmpty() || !match.test(instances.getFirst().version)) {
                continue;
            }
            for (PooledInstance p : instances) {
                p.retired = true;
                if (p.busy == 0 && !p.starting) {
                    free(p);
                    idle.add(p);
                } else {
                    draining.add(p);
                }
            }
            it.remove();
        }
        return idle;
    }

    PoolSnapshot snapshot() {
        int idle = 0;
        int busy = draining.size();
        for (List<PooledInstance> instances : live.values()) {
            for (PooledInstance p : instances) {
                if (p.idle()) {
                    idle++;
                } else {
                    busy++;
                }
            }
        }
        return new PoolSnapshot(idle, busy, usedMb, budgetMb);
    }

    boolean takeDropped() {
        boolean result = dropped;
        dropped = false;
        return result;
    }

    int usedMb() {
        return usedMb;
    }

    int budgetMb() {
        return budgetMb;
    }
}
