/**
 * Test functions. Tests copy these compiled classes into jars, so the runtime loads them through a
 * function class loader exactly as it loads deployed code; they may use only the JDK, the function APIs and
 * Gson (which the runtime provides).
 */
package dev.kumo.runtime.fn;
