/**
 * Sample functions built with every build and deployed by {@code ./kumo up}: one jar, one class per
 * function. They double as the fixtures of the end-to-end tests and benchmarks.
 */
package dev.kumo.examples;
