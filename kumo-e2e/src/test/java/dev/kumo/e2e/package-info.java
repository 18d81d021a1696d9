/**
 * End-to-end tests: real Kumo nodes (in-process or forked JVMs) on loopback, driven over HTTP and the CLI
 * with the real executors and the bundled example functions.
 */
package dev.kumo.e2e;
