/**
 * The keep-alive SPI: how long an idle instance stays warm, and when to pre-warm one. Policies observe
 * invocations and answer with a {@link dev.kumo.spi.keepalive.KeepAliveWindow}; they never read the clock,
 * so the simulator can run them on virtual time. Implementations register a
 * {@link dev.kumo.spi.keepalive.KeepAlivePolicyProvider} with {@link java.util.ServiceLoader}.
 */
package dev.kumo.spi.keepalive;
