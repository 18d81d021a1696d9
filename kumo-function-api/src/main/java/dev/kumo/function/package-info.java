/**
 * What function authors compile against: {@link dev.kumo.function.Handler} and the per-invocation
 * {@link dev.kumo.function.Context}. This module has no dependencies so that a function jar never drags
 * platform classes along; the runtime provides these types to every function class loader.
 */
package dev.kumo.function;
