/**
 * Test support shared by every Kumo module: a {@link dev.kumo.testkit.ManualClock} so tests move time instead
 * of sleeping, and abstract conformance suites, one per SPI, that each implementation subclasses to prove it
 * keeps the SPI's contract (e.g. {@link dev.kumo.testkit.KeepAlivePolicyConformance}). Suites are named
 * {@code *Conformance}, not {@code *Test}, so surefire only runs them through a concrete subclass.
 */
package dev.kumo.testkit;
