/**
 * DAG workflows: the definition model ({@link dev.kumo.workflow.Workflow}, {@link dev.kumo.workflow.Step}),
 * its JSON form and validation, and {@link dev.kumo.workflow.WorkflowRuntime}, which runs workflows without a
 * central coordinator: the thread that ends a step starts the next ones, fan-ins are counted in the store,
 * and every step's progress is stored so that runs resume after a restart.
 */
package dev.kumo.workflow;
