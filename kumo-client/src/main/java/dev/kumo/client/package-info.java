/**
 * The typed Java client of the Kumo REST API ({@code docs/reference/http-api.md}). {@link dev.kumo.client.KumoClient}
 * covers every endpoint, dead letters, schedules, triggers, rules and routes through its small sub-clients; its
 * answers are small immutable records of its own, so a caller needs neither the server's modules nor a JSON
 * library. Failures of the platform or of the transport surface as subclasses of the unchecked
 * {@link dev.kumo.client.KumoException}; a function that throws or times out is an ordinary
 * {@link dev.kumo.client.InvokeResponse}.
 */
package dev.kumo.client;
