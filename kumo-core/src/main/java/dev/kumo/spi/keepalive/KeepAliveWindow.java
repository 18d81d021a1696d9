package dev.kumo.spi.keepalive;

import java.time.Duration;

/**
 * When an application's instance should be warm, measured from the end of its last invocation
 * (Shahrad et al., ATC'20). With {@code prewarm == 0} the instance simply stays warm for {@code keepAlive};
 * otherwise it is unloaded at once, loaded again at {@code prewarm}, and kept until {@code prewarm + keepAlive}.
 *
 * @param prewarm   delay after the last invocation before (re)loading an instance; zero keeps it loaded
 * @param keepAlive how long the instance stays loaded after {@code prewarm}
 */
public record KeepAliveWindow(Duration prewarm, Duration keepAlive) {

    /** Rejects negative durations. */
    public KeepAliveWindow {
        if (prewarm.isNegative() || keepAlive.isNegative()) {
            throw new IllegalArgumentException("negative window " + prewarm + " / " + keepAlive);
        }
    }

    /** A plain keep-alive of {@code keepAlive} with no pre-warming. */
    public static KeepAliveWindow keepFor(Duration keepAlive) {
        return new KeepAliveWindow(Duration.ZERO, keepAlive);
    }
}
