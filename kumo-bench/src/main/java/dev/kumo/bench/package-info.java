/**
 * Benchmarks that run Kumo and a baseline side by side in one process run and report both numbers and
 * their ratio: warm throughput (wrk against Kumo and a raw Netty server), warm latency over one
 * keep-alive connection, cold start of an isolated instance, and memory per warm instance of a forked
 * server. {@link dev.kumo.bench.BenchMain} is the single entry point; it writes {@code results.csv},
 * {@code results.json}, {@code summary.md} and PNG charts. See {@code docs/benchmarks.md}.
 */
package dev.kumo.bench;
