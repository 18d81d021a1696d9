/**
 * The process and sandbox tiers: each function instance is an operating-system process (a worker JVM, Node.js,
 * Python, or a {@code bootstrap} executable) that takes its invocations over the AWS Lambda Runtime API from an
 * HTTP endpoint this package serves on loopback ({@link dev.kumo.process.RuntimeApi}). The
 * {@link dev.kumo.process.ProcessExecutor} launches workers, hands them events, attributes their output to
 * activations, and kills them at deadlines; pre-started generic worker JVMs make Java cold starts cheap.
 * Resource limits and the sandbox come from {@code dev.kumo.process.isolation}.
 */
package dev.kumo.process;
