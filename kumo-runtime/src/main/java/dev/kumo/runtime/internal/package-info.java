/**
 * How the runtime works inside: the instance pool and its accounting, admission limits, the invoker that
 * records activations, the in-JVM executors with their child-first function class loader, handler adapters
 * for the four handler styles, and the capture of function output into activation logs. Nothing here is
 * API; the server talks to {@link dev.kumo.runtime.Dispatcher} and {@link dev.kumo.runtime.CodeInspector}.
 */
package dev.kumo.runtime.internal;
