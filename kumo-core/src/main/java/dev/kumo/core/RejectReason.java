package dev.kumo.core;

/** Why the platform refused to run an invocation (HTTP 429). */
public enum RejectReason {
    /** The function reached its in-flight limit (maxInstances x concurrency). */
    FUNCTION_CONCURRENCY,
    /** The node reached its global in-flight limit. */
    NODE_CONCURRENCY,
    /** Not enough of the node memory budget for a new instance, even after evicting idle ones. */
    MEMORY,
    /** The function reached its maximum number of instances and all are busy. */
    MAX_INSTANCES,
    /** A call between functions would run deeper than the node's call-depth bound. */
    CALL_DEPTH,
    /** The calling activation already has as many calls to other functions in flight as the node allows. */
    FAN_OUT
}
