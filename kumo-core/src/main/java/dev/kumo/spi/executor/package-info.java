/**
 * The executor SPI: how one execution tier creates function instances and runs invocations on them. The
 * instance pool owns lifecycle and accounting (which instance, how many, how much memory); an executor only
 * starts an instance (the cold start, including the handler's {@code init}) and runs payloads through it,
 * answering with sealed outcomes. Deadlines are absolute instants on the injected clock; an executor must
 * return by the deadline even when the function does not, and reports in {@code ended} when the function's
 * thread really finished, so that the pool keeps the instance's slot and memory until then.
 */
package dev.kumo.spi.executor;
