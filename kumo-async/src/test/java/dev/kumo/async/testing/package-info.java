/** Test support: an in-memory store with an asynchronous queue, and a scriptable invocation target. */
package dev.kumo.async.testing;
