package dev.kumo.process.isolation;

/** What a sandboxed function may reach over the network besides its Runtime API endpoint. */
public enum NetworkPolicy {
    /**
     * Nothing: the worker runs in its own network namespace whose only link leads to the host side of a veth
     * pair, where only the endpoint's port is admitted. The default.
     */
    NONE,
    /**
     * Outbound access: the worker shares the host's network namespace (no NAT is set up, so this is the honest
     * simple option: it can also reach services on the host's loopback). Opt-in per function.
     */
    EGRESS
}
