package dev.kumo.testkit;

import dev.kumo.spi.keepalive.KeepAlivePolicy;
import dev.kumo.spi.keepalive.KeepAliveWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small adaptive policy (keep warm for twice the last idle gap, within 1 minute and 4 hours) that keeps the
 * contract, to show that the conformance suite passes a stateful policy and not only a constant one.
 */
final class LastGapKeepAlive implements KeepAlivePolicy {

    private static final Duration MIN = Duration.ofMinutes(1);
    private static final Duration MAX = Duration.ofHours(4);

    private record State(Instant lastEnd, Duration lastGap) {
    }

    private final ConcurrentHashMap<String, State> apps = new ConcurrentHashMap<>();

    @Override
    public void recordInvocation(String app, Instant start, Instant end) {
        apps.compute(app, (key, state) -> {
            if (state == null) {
                return new State(end, MIN);
            }
            var gap = Duration.between(state.lastEnd(), start);
            var lastEnd = end.isAfter(state.lastEnd()) ? end : state.lastEnd();
            return new State(lastEnd, gap.isNegative() ? state.lastGap() : gap);
        });
    }

    @Override
    public KeepAliveWindow window(String app, Instant now) {
        var state = apps.get(app);
        var keep = state == null ? MIN : state.lastGap().multipliedBy(2);
        return KeepAliveWindow.keepFor(keep.compareTo(MIN) < 0 ? MIN : keep.compareTo(MAX) > 0 ? MAX : keep);
    }
}
