/**
 * The keep-alive simulator: a discrete-event simulation on virtual time that replays a trace against the very
 * {@link dev.kumo.spi.keepalive.KeepAlivePolicy} classes the server runs (created by spec string), then reports
 * cold starts per application and wasted memory per policy as CSV, a table and plots. {@link dev.kumo.sim.SimMain}
 * is the command line; {@link dev.kumo.sim.Simulator} the engine.
 */
package dev.kumo.sim;
