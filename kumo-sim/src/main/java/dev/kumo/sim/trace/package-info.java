/**
 * Reading invocation traces for the simulator: the Azure Functions 2019 per-minute counts (the sample's file names
 * and the original per-day files, several days in a row) and the 2021 per-invocation format. Readers stream their
 * files line by line, so a real per-day file of hundreds of MB is never held as a string, and report a malformed
 * file with a {@link dev.kumo.sim.trace.TraceFormatException} that names the file, line and column.
 */
package dev.kumo.sim.trace;
