package dev.kumo.workflow;

import dev.kumo.core.ActivationId;
import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.NotFoundException;
import dev.kumo.core.workflow.WorkflowDefinition;
import dev.kumo.core.workflow.WorkflowRun;
import dev.kumo.spi.store.WorkflowStore;
import dev.kumo.workflow.internal.Executor;
import dev.kumo.workflow.internal.WorkflowJson;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Stores workflow definitions and runs them. {@link #start} resumes every run the store holds unfinished;
 * {@link #run} starts one on a virtual thread, which then drives it as described in {@link Executor}.
 */
public final class WorkflowRuntime implements AutoCloseable {

    /**
     * The outcome of {@link #put}.
     *
     * @param definition what is stored
     * @param created    true when no workflow had the name
     */
    public record Stored(WorkflowDefinition definition, boolean created) {
    }

    private final WorkflowStore store;
    private final StepInvoker invoker;
    private final InstantSource clock;
    private final Executor executor;
    private final Orchestrations orchestrations;
    private final ConcurrentHashMap<String, CompletableFuture<WorkflowRun>> waiting = new ConcurrentHashMap<>();

    private WorkflowRuntime(WorkflowStore store, StepInvoker invoker, InstantSource clock) {
        this.store = store;
        this.invoker = invoker;
        this.clock = clock;
        this.executor = new Executor(store, invoker, clock, this::ended);
        this.orchestrations = Orchestrations.start(store, invoker, clock);
    }

    /** Starts a runtime and resumes the unfinished runs of {@code store}, each on a virtual thread. */
    public static WorkflowRuntime start(WorkflowStore store, StepInvoker invoker, InstantSource clock) {
        var runtime = new WorkflowRuntime(store, invoker, clock);
        for (var run : store.unfinished()) {
            if (Orchestrations.isOrchestration(run)) {
                continue; // resumed by Orchestrations
            }
            runtime.launch(run, store.steps(run.id()));
        }
        return runtime;
    }

    /**
     * Validates {@code json} and stores it as workflow {@code name}.
     *
     * @throws InvalidRequestException naming the field that is wrong
     * @throws NotFoundException       when a step names a function (or version, alias) that does not exist
     */
    public Stored put(String name, String json) {
        var workflow = Workflow.parse(json);
        requireFunctions(workflow);
        var now = clock.instant();
        var existing = store.definitions().get(name);
        var stored = store.definitions().put(new WorkflowDefinition(name, workflow.toJson(),
                existing.map(WorkflowDefinition::created).orElse(now), now));
        return new Stored(stored, existing.isEmpty());
    }

    private void requireFunctions(Workflow workflow) {
        for (var step : workflow.steps().values()) {
            switch (step) {
                case Step.Task t -> invoker.resolve(t.function(), t.qualifier());
                case Step.MapStep m -> invoker.resolve(m.function(), m.qualifier());
                case Step.Parallel p -> p.branches().forEach(this::requireFunctions);
                case Step.Choice c -> {
                }
            }
        }
    }

    /** The durable orchestrations, which share the store and the step invoker. */
    public Orchestrations orchestrations() {
        return orchestrations;
    }

    /** The stored workflows, for listing and deleting. */
    public WorkflowStore store() {
        return store;
    }

    /**
     * Starts a run of workflow {@code name} with {@code input} (JSON; empty means {@code null}) and returns
     * it once stored; the run goes on on a virtual thread.
     *
     * @throws NotFoundException       when there is no such workflow
     * @throws InvalidRequestException naming {@code body} when the input is not JSON
     */
    public WorkflowRun run(String name, byte[] input) {
        var definition = store.definitions().get(name)
                .orElseThrow(() -> new NotFoundException("workflow '" + name + "' not found"));
        JsonNode value;
        try {
            value = input.length == 0 ? WorkflowJson.MAPPER.nullNode() : WorkflowJson.MAPPER.readTree(input);
        } catch (JacksonException e) {
            throw new InvalidRequestException("body", "the input is not valid JSON: " + e.getOriginalMessage());
        }
        var run = WorkflowRun.start(ActivationId.random().value(), name, definition.definition(),
                WorkflowJson.MAPPER.writeValueAsString(value), clock.instant());
        store.createRun(run);
        launch(run, Map.of());
        return run;
    }

    private void launch(WorkflowRun run, Map<String, String> recorded) {
        waiting.put(run.id(), new CompletableFuture<>());
        var workflow = Workflow.parse(run.definition());
        var input = WorkflowJson.MAPPER.readTree(run.input());
        Thread.ofVirtual().name("kumo-wf-" + run.id()).start(() -> executor.drive(run, workflow, input, recorded));
    }

    /**
     * The run {@code runId}, once it ended or {@code timeout} passed, whichever comes first.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public Optional<WorkflowRun> await(String runId, Duration timeout) throws InterruptedException {
        var future = waiting.get(runId);
        if (future != null) {
            try {
                return Optional.of(future.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            } catch (TimeoutException | ExecutionException e) {
                // report the run as it stands
            }
        }
        return store.run(runId);
    }

    /** The run with its step states. */
    public Optional<RunView> view(String runId) {
        return store.run(runId).map(run -> Orchestrations.isOrchestration(run)
                ? Orchestrations.view(run, store.steps(runId)) : RunView.of(run, store.steps(runId)));
    }

    private void ended(WorkflowRun run) {
        var future = waiting.remove(run.id());
        if (future != null) {
            future.complete(run);
        }
    }

    /** Stops driving runs; those unfinished stay stored and resume at the next {@link #start}. */
    @Override
    public void close() {
        executor.close();
        orchestrations.close();
    }
}
