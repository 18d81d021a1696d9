package dev.kumo.sim;

import dev.kumo.sim.trace.Trace;
import dev.kumo.spi.keepalive.KeepAlivePolicies;
import dev.kumo.spi.keepalive.KeepAlivePolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Replays a trace against one keep-alive policy on virtual time (milliseconds, passed to the policy as
 * {@link Instant}s). The model is per application, as in Shahrad et al.: an invocation that finds its app loaded is
 * warm (pre-warmed if a pre-warm loaded it), otherwise cold and it loads the app. Overlapping invocations of one app
 * share the one loaded instance (the paper's simplification: no concurrency limit, no scale-out). When an app's last
 * running invocation ends, the policy sees it ({@code recordInvocation}) and answers {@code window(app, end)}: with
 * no pre-warm the instance stays until {@code end + keepAlive}; otherwise it is unloaded at once, loaded again at
 * {@code end + prewarm} and kept until {@code end + prewarm + keepAlive}. Memory is wasted while an app is loaded but
 * executing nothing; accounting stops at the end of the trace. Ties at one instant are ordered end, unload, pre-warm
 * load, start, then by insertion, so a run is fully deterministic.
 */
public final class Simulator {

    private static final int END = 0;
    private static final int UNLOAD = 1;
    private static final int LOAD = 2;
    private static final int START = 3;

    /** {@code payload} is the invocation's start for an end event, the keep-alive to apply for a pre-warm load. */
    private record Event(long timeMs, int kind, long sequence, int app, long generation, long payload) {
    }

    private static final Comparator<Event> ORDER = Comparator.comparingLong(Event::timeMs)
            .thenComparingInt(Event::kind).thenComparingLong(Event::sequence);

    private final KeepAlivePolicy policy;
    private final PriorityQueue<Event> queue = new PriorityQueue<>(ORDER);
    private AppState[] states = new AppState[0];
    private String[] appNames = new String[0];
    private long sequence;

    private Simulator(KeepAlivePolicy policy) {
        this.policy = policy;
    }

    /**
     * Simulates a fresh instance of the policy named {@code spec} over {@code trace}.
     *
     * @throws IllegalArgumentException for an unknown or malformed policy spec
     */
    public static PolicyResult run(String spec, Trace trace, long seed, Progress progress) {
        return new Simulator(KeepAlivePolicies.create(spec)).simulate(spec, trace, seed, progress);
    }

    private PolicyResult simulate(String spec, Trace trace, long seed, Progress progress) {
        var apps = trace.apps();
        states = new AppState[apps.size()];
        appNames = apps.stream().map(dev.kumo.sim.trace.TraceApp::name).toArray(String[]::new);
        for (int a = 0; a < states.length; a++) {
            states[a] = new AppState();
        }
        long total = trace.invocationCount();
        long[] done = {0};
        long[] horizon = {trace.endMs()};
        trace.replay(seed, (app, startMs, durationMs) -> {
            drainBefore(startMs, START);
            start(app, startMs, durationMs);
            horizon[0] = Math.max(horizon[0], startMs + durationMs);
            if (++done[0] % 4096 == 0) {
                progress.update(done[0], total);
            }
        });
        drainBefore(horizon[0], Integer.MAX_VALUE);
        progress.update(done[0], total);
        var pct = new ArrayList<Double>();
        long cold = 0;
        long prewarmed = 0;
        long prewarms = 0;
        double wastedGbS = 0;
        for (int a = 0; a < states.length; a++) {
            var s = states[a];
            if (s.loaded && s.executing == 0) {
                s.wastedMs += horizon[0] - s.idleSinceMs;
            }
            if (s.invocations > 0) {
                pct.add(100.0 * s.coldStarts / s.invocations);
            }
            cold += s.coldStarts;
            prewarmed += s.prewarmedStarts;
            prewarms += s.prewarms;
            wastedGbS += s.wastedMs / 1000.0 * apps.get(a).memoryMb() / 1024.0;
        }
        pct.sort(null);
        return new PolicyResult(spec, pct.size(), done[0], cold, done[0] - cold - prewarmed, prewarmed, prewarms,
                wastedGbS, pct);
    }

    private void drainBefore(long timeMs, int kind) {
        while (!queue.isEmpty()) {
            var head = queue.peek();
            if (head.timeMs() > timeMs || (head.timeMs() == timeMs && head.kind() >= kind)) {
                return;
            }
            queue.poll();
            switch (head.kind()) {
                case END -> end(head);
                case UNLOAD -> unload(head);
                case LOAD -> prewarm(head);
                default -> throw new IllegalStateException("unexpected event " + head);
            }
        }
    }

    private void start(int app, long now, long durationMs) {
        var s = states[app];
        s.invocations++;
        s.generation++;
        if (!s.loaded) {
            s.coldStarts++;
            s.loaded = true;
        } else {
            if (s.prewarmedUnused) {
                s.prewarmedStarts++;
                s.prewarmedUnused = false;
            }
            if (s.executing == 0) {
                s.wastedMs += now - s.idleSinceMs;
            }
        }
        s.executing++;
        push(now + durationMs, END, app, s.generation, now);
    }

    private void end(Event event) {
        var s = states[event.app()];
        var endInstant = Instant.ofEpochMilli(event.timeMs());
        policy.recordInvocation(policyKey(event.app()), Instant.ofEpochMilli(event.payload()), endInstant);
        if (--s.executing > 0) {
            return;
        }
        var window = policy.window(policyKey(event.app()), endInstant);
        s.generation++;
        s.becomeIdle(event.timeMs());
        long prewarm = window.prewarm().toMillis();
        long keepAlive = window.keepAlive().toMillis();
        if (prewarm == 0) {
            push(event.timeMs() + keepAlive, UNLOAD, event.app(), s.generation, 0);
        } else {
            s.unload(event.timeMs());
            push(event.timeMs() + prewarm, LOAD, event.app(), s.generation, keepAlive);
        }
    }

    private void unload(Event event) {
        var s = states[event.app()];
        if (event.generation() == s.generation && s.executing == 0) {
            s.unload(event.timeMs());
        }
    }

    private void prewarm(Event event) {
        var s = states[event.app()];
        if (event.generation() != s.generation || s.loaded) {
            return;
        }
        s.loaded = true;
        s.prewarmedUnused = true;
        s.prewarms++;
        s.becomeIdle(event.timeMs());
        push(event.timeMs() + event.payload(), UNLOAD, event.app(), s.generation, 0);
    }

    private String policyKey(int app) {
        return appNames[app];
    }

    private void push(long timeMs, int kind, int app, long generation, long payload) {
        queue.add(new Event(timeMs, kind, sequence++, app, generation, payload));
    }
}
