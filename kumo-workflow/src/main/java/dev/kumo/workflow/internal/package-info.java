/**
 * How workflows run: the parser and validator of the JSON form, the decentralized executor, and the
 * passing of large results by reference.
 */
package dev.kumo.workflow.internal;
