/**
 * What the store keeps of DAG workflows: definitions (as their JSON text, which only {@code kumo-workflow}
 * interprets), runs with their status, the state of each step, and fan-in joins.
 */
package dev.kumo.core.workflow;
