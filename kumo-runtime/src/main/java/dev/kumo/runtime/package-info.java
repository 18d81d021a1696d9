/**
 * The function runtime: {@link dev.kumo.runtime.Dispatcher} runs invocations (resolve, admit, pick or start
 * an instance, run with a deadline, record the activation) and {@link dev.kumo.runtime.CodeInspector} checks
 * a jar at deploy time. Functions run in this JVM, each instance in its own class loader that sees only the
 * JDK, the function APIs and the function's own jar.
 */
package dev.kumo.runtime;
