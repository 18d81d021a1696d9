/**
 * The vocabulary shared by every module: function configuration, versions, aliases, activations, and the
 * sealed {@link dev.kumo.core.InvocationResult} every invocation ends in. Pure data, no I/O.
 */
package dev.kumo.core;
