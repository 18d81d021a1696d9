/**
 * Built-in scheduling and lifecycle policies, each an implementation of an SPI from {@code dev.kumo.spi}
 * registered by name with {@link java.util.ServiceLoader}, e.g. {@link dev.kumo.policies.FixedKeepAlive} as
 * {@code fixed} and {@link dev.kumo.policies.HybridHistogramKeepAlive} (Shahrad et al., ATC'20) as
 * {@code hybrid-histogram}. Policies take time only as arguments, so the server and the simulator run the same
 * code; {@link dev.kumo.policies.DurationSpec} parses the durations their spec arguments carry.
 */
package dev.kumo.policies;
