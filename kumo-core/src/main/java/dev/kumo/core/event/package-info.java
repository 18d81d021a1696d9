/**
 * Asynchronous invocations and their event sources: queued invocations, dead letters, callbacks,
 * schedules, triggers, rules and HTTP routes.
 */
package dev.kumo.core.event;
