package dev.kumo.process;

import dev.kumo.core.ErrorInfo;

/** What a worker answered to one invocation over the Runtime API. */
sealed interface WorkerReply {

    /** {@code POST /invocation/{id}/response}: the function's result, as posted. */
    record Response(byte[] body) implements WorkerReply {
    }

    /** {@code POST /invocation/{id}/error}: the error the runtime reported, field by field as posted. */
    record Error(ErrorInfo error) implements WorkerReply {
    }

    /** The posted response exceeded the payload limit; the worker got a 413. */
    record TooLarge(long bytes) implements WorkerReply {
    }
}
