/**
 * Test functions. Tests copy these compiled classes into jars, so the runtime loads them through a
 * function class loader exactly as it loads deployed code; they may use only the JDK and the function APIs.
 */
package dev.kumo.runtime.fn;
