/**
 * The embedded store: everything a single Kumo node persists, in one data directory. The registry of
 * functions, versions and aliases, the activation records, the asynchronous queue (invocations, idempotency
 * keys, dead letters, callbacks, schedule fires) and the schedules, triggers, rules and HTTP routes live in
 * one H2 MVStore file ({@code kumo.mv.db}) with a journal beside it ({@code kumo.journal}); function code
 * lives beside them as content-addressed files under {@code code/sha256}. {@link dev.kumo.store.EmbeddedStore}
 * is the only entry point; the composition root opens it once.
 */
package dev.kumo.store;
