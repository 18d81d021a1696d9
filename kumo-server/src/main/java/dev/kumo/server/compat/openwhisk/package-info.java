/**
 * The OpenWhisk-compatible API under {@code /api/v1/namespaces/{ns}}: actions, activations, triggers and
 * rules in OpenWhisk's JSON shapes, opened by a namespace's {@code uuid:key} over HTTP basic auth. Actions are
 * Kumo functions (the {@code guest} namespace sees Kumo's plain names, other namespaces a {@code ns--} prefix),
 * invocations go through the same dispatcher and asynchronous queue as Kumo's own API; see
 * {@code docs/adr/0013-openwhisk-namespaces.md}.
 */
package dev.kumo.server.compat.openwhisk;
