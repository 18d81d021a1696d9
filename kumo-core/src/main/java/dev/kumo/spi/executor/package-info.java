/**
 * The executor SPI: how one execution tier creates function instances and runs invocations on them. The
 * instance pool owns lifecycle and accounting (which instance, how many, how much memory); an executor only
 * starts an instance (the cold start, including the handler's {@code init}) and runs payloads through it,
 * answering with sealed outcomes. Deadlines are absolute instants on the injected clock. At an invocation's
 * deadline an executor either returns {@code TimedOut} (reporting in {@code ended} when the function's thread
 * really finished, so that the pool keeps the instance's slot and memory until then) or, when the function
 * runs on the caller's thread, interrupts it and calls {@code Execution.onTimeout} so the caller can answer
 * while the function still runs. A cold start always returns by its deadline.
 */
package dev.kumo.spi.executor;
