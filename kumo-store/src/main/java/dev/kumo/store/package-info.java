/**
 * The embedded store: everything a single Kumo node persists, in one data directory. The registry of
 * functions, versions and aliases and the activation records live in one H2 MVStore file
 * ({@code kumo.mv.db}); function code lives beside it as content-addressed files under {@code code/sha256}.
 * {@link dev.kumo.store.EmbeddedStore} is the only entry point; the composition root opens it once.
 */
package dev.kumo.store;
