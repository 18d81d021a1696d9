/**
 * Plumbing behind {@link dev.kumo.client.KumoClient}: the HTTP transport over {@code java.net.http}, request targets
 * with percent-encoded path segments and query parameters, and the mapping between the wire JSON and the client's
 * records. Nothing here is API; it may change in any release.
 */
package dev.kumo.client.internal;
