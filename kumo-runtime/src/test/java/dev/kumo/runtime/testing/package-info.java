/** Test support: jars built from compiled test classes, an in-memory store and a manual keep-alive policy. */
package dev.kumo.runtime.testing;
