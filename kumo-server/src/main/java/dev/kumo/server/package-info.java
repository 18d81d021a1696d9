/**
 * The composition root: {@link dev.kumo.server.KumoServer} wires the store, the runtime, the policies and
 * the HTTP gateway together (no DI framework, no singletons), and {@link dev.kumo.server.Main} is the
 * {@code ./kumo up} entry point.
 */
package dev.kumo.server;
