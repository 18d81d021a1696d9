package dev.kumo.function;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What a function can learn about the invocation it is serving. */
public interface Context {

    /** Id of this activation, the same as the {@code Kumo-Activation-Id} response header. */
    String activationId();

    /** Name of the function being run. */
    String functionName();

    /** Version that runs: {@code $LATEST} or a published version number. */
    String functionVersion();

    /** The instant after which the invocation is timed out and interrupted. */
    Instant deadline();

    /** Time left before {@link #deadline()}, never negative. */
    Duration remainingTime();

    /** Memory configured for the function, in MB. */
    int memoryLimitMb();

    /** Logger whose lines are captured into this activation's logs. */
    FunctionLogger logger();

    /** Environment variables configured for the function (not the platform's own environment). */
    Map<String, String> env();
}
