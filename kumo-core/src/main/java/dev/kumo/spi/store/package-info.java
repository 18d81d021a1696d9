/**
 * The store SPI: registry of functions, versions and aliases, content-addressed code, and activation
 * records. The embedded implementation (kumo-store) keeps them in an H2 MVStore under the data directory;
 * a cluster implementation puts them in NATS JetStream. Every write a client is answered 2xx for is
 * durable when the method returns, except activations (see {@link dev.kumo.spi.store.ActivationStore}).
 */
package dev.kumo.spi.store;
