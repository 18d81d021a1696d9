package dev.kumo.process.isolation;

/** Whether an isolation feature (or a whole tier) can be used on this machine, and if not, why. */
public sealed interface Availability {

    /** Usable; {@code summary} says what was found (shown in the startup banner and ops endpoint). */
    record Available(String summary) implements Availability {
        /** Rejects a missing summary. */
        public Available {
            if (summary == null) {
                throw new IllegalArgumentException("summary is required");
            }
        }
    }

    /** Not usable; {@code reason} is a sentence a deploy error can show as is. */
    record Unavailable(String reason) implements Availability {
        /** Rejects a missing reason. */
        public Unavailable {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("reason is required");
            }
        }
    }

    /** Whether this is {@link Available}. */
    default boolean available() {
        return this instanceof Available;
    }

    /** The summary or the reason, whichever this is. */
    default String describe() {
        return switch (this) {
            case Available a -> a.summary();
            case Unavailable u -> u.reason();
        };
    }
}
