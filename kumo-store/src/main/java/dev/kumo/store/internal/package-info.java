/**
 * Implementation of the embedded store, hidden behind {@link dev.kumo.store.EmbeddedStore}: the MVStore
 * registry table with its in-memory read cache, the in-memory activation index with its batched binary log
 * and background writer, the asynchronous queue and the named event registries on journaled maps with
 * group commit, the content-addressed code files, and the single I/O thread that owns every access to the
 * MVStore file and its journal.
 */
package dev.kumo.store.internal;
