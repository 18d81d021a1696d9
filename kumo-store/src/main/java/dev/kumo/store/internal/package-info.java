/**
 * Implementation of the embedded store, hidden behind {@link dev.kumo.store.EmbeddedStore}: the MVStore
 * registry table with its in-memory read cache, the in-memory activation index with its batched binary log
 * and background writer, the content-addressed code files, and the single I/O thread that owns every
 * MVStore file access.
 */
package dev.kumo.store.internal;
