package dev.kumo.workflow;

import dev.kumo.core.ActivationId;
import dev.kumo.core.ConflictException;
import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.InvocationRequest;
import dev.kumo.core.InvocationResult;
import dev.kumo.core.NotFoundException;
import dev.kumo.core.workflow.RunStatus;
import dev.kumo.core.workflow.WorkflowRun;
import dev.kumo.spi.store.WorkflowStore;
import dev.kumo.workflow.internal.Timers;
import dev.kumo.workflow.internal.WorkflowJson;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Durable orchestrations (Kappa, Durable Functions): a run of an orchestrator function is driven by replay.
 * Each slice invokes the orchestrator (through the {@link StepInvoker}, like any step) with the run's journal;
 * the function's runtime replays the code over it and answers with the steps it added and whether it
 * completed, failed or suspended. The steps are journaled in one atomic change before anything they ask for
 * happens; then a {@code call} runs on a virtual thread and stores its result, a {@code sleep} or an event
 * timeout is handed to {@link Timers}, and an {@code event} waits for {@link #event}. Each of these wakes the
 * run, which runs the next slice: slices of one run never overlap, and nothing holds a thread while a run
 * waits. Journal steps are stored as step keys {@code 000000..}, received events as {@code event/<name>/..}.
 * At start, runs left unfinished resume: calls journaled as running run again (at least once), the rest
 * replays from the journal.
 */
public final class Orchestrations implements AutoCloseable {

    private static final String MARK = "{\"orchestrator\":";
    private static final String EVENTS = "event/";

    private final WorkflowStore store;
    private final StepInvoker invoker;
    private final InstantSource clock;
    private final Timers timers;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ConcurrentHashMap<String, AtomicInteger> wakes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<WorkflowRun>> waiting = new ConcurrentHashMap<>();

    private Orchestrations(WorkflowStore store, StepInvoker invoker, InstantSource clock) {
        this.store = store;
        this.invoker = invoker;
        this.clock = clock;
        this.timers = new Timers(clock, this::wake);
    }

    /** Starts driving orchestrations and resumes those {@code store} holds unfinished. */
    public static Orchestrations start(WorkflowStore store, StepInvoker invoker, InstantSource clock) {
        var o = new Orchestrations(store, invoker, clock);
        for (var run : store.unfinished()) {
            if (isOrchestration(run)) {
                o.recover(run);
            }
        }
        return o;
    }

    /** Whether {@code run} is an orchestration run (and not a DAG workflow run). */
    public static boolean isOrchestration(WorkflowRun run) {
        return run.definition().startsWith(MARK);
    }

    /**
     * Starts a run of orchestrator function {@code function} ({@code name} or {@code name:qualifier}) with
     * {@code input} (JSON; empty means {@code null}) and returns it once stored.
     *
     * @throws NotFoundException       when there is no such function
     * @throws InvalidRequestException when the input is not JSON
     */
    public WorkflowRun start(String function, byte[] input) {
        var target = Target.of(function);
        invoker.resolve(target.name(), target.qualifier());
        JsonNode value;
        try {
            value = input.length == 0 ? WorkflowJson.MAPPER.nullNode() : WorkflowJson.MAPPER.readTree(input);
        } catch (JacksonException e) {
            throw new InvalidRequestException("body", "the input is not valid JSON: " + e.getOriginalMessage());
        }
        var definition = WorkflowJson.MAPPER.createObjectNode().put("orchestrator", function);
        var run = WorkflowRun.start(ActivationId.random().value(), function, definition.toString(),
                WorkflowJson.MAPPER.writeValueAsString(value), clock.instant());
        waiting.put(run.id(), new CompletableFuture<>());
        store.createRun(run);
        wake(run.id());
        return run;
    }

    /**
     * Records event {@code name} with {@code body} (JSON) for run {@code runId} and resumes it. An event that
     * arrives before the run waits for it is kept, and the next wait for that name takes it (first in, first
     * out).
     *
     * @throws NotFoundException       when there is no such run
     * @throws ConflictException       when the run is not an orchestration or has ended
     * @throws InvalidRequestException when the body is not JSON
     */
    public void event(String runId, String name, byte[] body) {
        var run = store.run(runId).orElseThrow(() -> new NotFoundException("workflow run '" + runId + "' not found"));
        if (!isOrchestration(run) || run.status() != RunStatus.RUNNING) {
            throw new ConflictException("workflow run '" + runId + "' is not a running orchestration");
        }
        JsonNode value;
        try {
            value = body.length == 0 ? WorkflowJson.MAPPER.nullNode() : WorkflowJson.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidRequestException("body", "the event is not valid JSON: " + e.getOriginalMessage());
        }
        var key = EVENTS + name + "/" + String.format("%019d", clock.millis()) + "-" + ActivationId.random().value();
        store.putStep(runId, key, WorkflowJson.MAPPER.writeValueAsString(value));
        wake(runId);
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
                return Optional.of(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException | ExecutionException e) {
                // report the run as it stands
            }
        }
        return store.run(runId);
    }

    /** The view of an orchestration run: status {@code waiting} while it waits only for timers or events. */
    public static RunView view(WorkflowRun run, Map<String, String> steps) {
        var m = WorkflowJson.MAPPER;
        var journal = new LinkedHashMap<String, JsonNode>();
        boolean calling = false;
        boolean waits = false;
        for (var e : steps.entrySet()) {
            if (e.getKey().startsWith(EVENTS)) {
                continue;
            }
            var node = (ObjectNode) m.readTree(e.getValue());
            node.remove("consumed");
            var status = node.path("status").asString("");
            calling |= status.equals("running");
            waits |= status.equals("waiting");
            journal.put(Integer.toString(Integer.parseInt(e.getKey())), node);
        }
        var status = run.status() != RunStatus.RUNNING ? run.status().label()
                : waits && !calling ? "waiting" : "running";
        return new RunView(run.id(), run.workflow(), status, m.readTree(run.input()), run.output().map(m::readTree),
                run.error().map(m::readTree), run.started(), run.ended(), journal);
    }

    private void recover(WorkflowRun run) {
        waiting.put(run.id(), new CompletableFuture<>());
        journal(store.steps(run.id())).forEach((k, step) -> {
            if (step.path("kind").asString("").equals("call") && step.path("status").asString("").equals("running")) {
                startCall(run.id(), k, step);
            }
            schedule(run.id(), step);
        });
        wake(run.id());
    }

    private void schedule(String runId, JsonNode step) {
        if (step.path("status").asString("").equals("waiting") && step.has("until")) {
            timers.schedule(Instant.parse(step.path("until").asString()), runId);
        }
    }

    /** Runs the next slice of {@code runId}, or once more after the current one when one is running. */
    private void wake(String runId) {
        var counter = wakes.computeIfAbsent(runId, k -> new AtomicInteger());
        if (counter.getAndIncrement() == 0) {
            Thread.ofVirtual().name("kumo-orch-" + runId).start(() -> {
                int seen;
                do {
                    seen = counter.get();
                    try {
                        if (!closed.get()) {
                            slice(runId);
                        }
                    } catch (RuntimeException e) {
                        if (!closed.get()) {
                            System.getLogger(Orchestrations.class.getName()).log(System.Logger.Level.ERROR,
                                    "orchestration run " + runId + " failed inside Kumo", e);
                            finish(runId, RunStatus.FAILED, error("InternalError", String.valueOf(e.getMessage())));
                        }
                    }
                } while (counter.addAndGet(-seen) > 0);
            });
        }
    }

    private void slice(String runId) {
        var run = store.run(runId).orElse(null);
        if (run == null || run.status() != RunStatus.RUNNING) {
            return;
        }
        var steps = store.steps(runId);
        var journal = journal(steps);
        resolveWaits(runId, journal, steps);
        var envelope = WorkflowJson.MAPPER.createObjectNode().put("kumoOrchestration", 1).put("runId", runId)
                .put("now", clock.instant().toString());
        envelope.set("input", WorkflowJson.MAPPER.readTree(run.input()));
        var array = envelope.putArray("journal");
        journal.values().forEach(array::add);
        var target = Target.of(run.workflow());
        var now = clock.instant();
        var result = invoker.invoke(new InvocationRequest(target.name(), target.qualifier(),
                WorkflowJson.MAPPER.writeValueAsBytes(envelope), now, ActivationId.random(), 1, Optional.empty(), 0,
                Optional.empty()));
        JsonNode answer;
        switch (result) {
            case InvocationResult.Success s -> answer = s.output().length == 0 ? WorkflowJson.MAPPER.nullNode()
                    : WorkflowJson.MAPPER.readTree(s.output());
            case InvocationResult.FunctionError f -> {
                finish(runId, RunStatus.FAILED, error(f.error().errorType(), f.error().message()));
                return;
            }
            case InvocationResult.TimedOut t -> {
                finish(runId, RunStatus.FAILED, error("Timeout", "a slice of the orchestrator ran past its timeout of "
                        + t.timeout().toMillis() + " ms"));
                return;
            }
            case InvocationResult.Rejected r -> {
                finish(runId, RunStatus.FAILED, error(r.reason().name(), r.message()));
                return;
            }
            case InvocationResult.InvalidInput i -> {
                finish(runId, RunStatus.FAILED, error("InvalidInput", i.message()));
                return;
            }
            case InvocationResult.NotFound n -> {
                finish(runId, RunStatus.FAILED, error("NotFound", n.message()));
                return;
            }
        }
        if (!answer.has("kumoSlice")) {
            finish(runId, RunStatus.FAILED, error("NotAnOrchestrator", "function '" + run.workflow()
                    + "' does not implement dev.kumo.function.Orchestrator"));
            return;
        }
        var added = new LinkedHashMap<Integer, JsonNode>();
        var updates = new LinkedHashMap<String, String>();
        int k = journal.size();
        for (var step : answer.path("steps")) {
            added.put(k, step);
            updates.put(key(k), step.toString());
            k++;
        }
        if (!updates.isEmpty() && !closed.get()) {
            store.putSteps(runId, updates);
        }
        switch (answer.path("kumoSlice").asString("")) {
            case "completed" -> finish(runId, RunStatus.SUCCEEDED, answer.path("output").toString());
            case "failed" -> finish(runId, RunStatus.FAILED, answer.path("error").toString());
            default -> added.forEach((index, step) -> {
                if (step.path("kind").asString("").equals("call")) {
                    startCall(runId, index, step);
                }
                schedule(runId, step);
            });
        }
    }

    /** Completes the waiting sleeps and event waits that can complete now, in one change. */
    private void resolveWaits(String runId, Map<Integer, ObjectNode> journal, Map<String, String> steps) {
        var consumed = new HashSet<String>();
        journal.values().forEach(s -> consumed.add(s.path("consumed").asString("")));
        var now = clock.instant();
        var updates = new LinkedHashMap<String, String>();
        journal.forEach((k, step) -> {
            if (!step.path("status").asString("").equals("waiting")) {
                return;
            }
            boolean due = step.has("until") && !now.isBefore(Instant.parse(step.path("until").asString()));
            switch (step.path("kind").asString("")) {
                case "sleep" -> {
                    if (due) {
                        step.put("status", "succeeded");
                        updates.put(key(k), step.toString());
                    }
                }
                case "event" -> {
                    var prefix = EVENTS + step.path("name").asString("") + "/";
                    var event = steps.keySet().stream().filter(e -> e.startsWith(prefix) && !consumed.contains(e))
                            .findFirst();
                    if (event.isPresent()) {
                        consumed.add(event.get());
                        step.put("status", "succeeded").put("consumed", event.get())
                                .set("result", WorkflowJson.MAPPER.readTree(steps.get(event.get())));
                        updates.put(key(k), step.toString());
                    } else if (due) {
                        step.put("status", "timedOut");
                        updates.put(key(k), step.toString());
                    }
                }
                default -> {
                }
            }
        });
        if (!updates.isEmpty() && !closed.get()) {
            store.putSteps(runId, updates);
        }
    }

    private void startCall(String runId, int index, JsonNode step) {
        Thread.ofVirtual().name("kumo-orch-" + runId + "#" + index).start(() -> {
            var target = Target.of(step.path("name").asString(""));
            var state = ((ObjectNode) step).deepCopy();
            var payload = WorkflowJson.MAPPER.writeValueAsBytes(step.path("input"));
            var now = clock.instant();
            var result = invoker.invoke(new InvocationRequest(target.name(), target.qualifier(), payload, now,
                    ActivationId.random(), 1, Optional.empty(), 0, Optional.empty()));
            switch (result) {
                case InvocationResult.Success s -> {
                    state.put("status", "succeeded").put("activationId", s.activationId().value())
                            .set("result", s.output().length == 0 ? WorkflowJson.MAPPER.nullNode()
                                    : WorkflowJson.MAPPER.readTree(s.output()));
                }
                case InvocationResult.FunctionError f -> failed(state, f.error().errorType(), f.error().message());
                case InvocationResult.TimedOut t -> failed(state, "Timeout", "the call ran past its timeout of "
                        + t.timeout().toMillis() + " ms");
                case InvocationResult.Rejected r -> failed(state, r.reason().name(), r.message());
                case InvocationResult.InvalidInput i -> failed(state, "InvalidInput", i.message());
                case InvocationResult.NotFound n -> failed(state, "NotFound", n.message());
            }
            if (closed.get()) {
                return;
            }
            store.putStep(runId, key(index), state.toString());
            wake(runId);
        });
    }

    private static void failed(ObjectNode state, String type, String message) {
        state.put("status", "failed").set("error", WorkflowJson.MAPPER.createObjectNode().put("type", type)
                .put("message", message));
    }

    private void finish(String runId, RunStatus status, String result) {
        if (closed.get()) {
            return;
        }
        store.finishRun(runId, status, result, clock.instant());
        var future = waiting.remove(runId);
        if (future != null) {
            store.run(runId).ifPresent(future::complete);
        }
    }

    private static String error(String type, String message) {
        return WorkflowJson.MAPPER.createObjectNode().put("type", type).put("message", message).toString();
    }

    private static TreeMap<Integer, ObjectNode> journal(Map<String, String> steps) {
        var out = new TreeMap<Integer, ObjectNode>();
        steps.forEach((k, v) -> {
            if (!k.startsWith(EVENTS)) {
                out.put(Integer.parseInt(k), (ObjectNode) WorkflowJson.MAPPER.readTree(v));
            }
        });
        return out;
    }

    private static String key(int index) {
        return String.format("%06d", index);
    }

    private record Target(String name, String qualifier) {
        static Target of(String function) {
            int colon = function.indexOf(':');
            return colon < 0 ? new Target(function, "$LATEST")
                    : new Target(function.substring(0, colon), function.substring(colon + 1));
        }
    }

    /** Stops driving runs; unfinished ones stay stored and resume at the next {@link #start}. */
    @Override
    public void close() {
        closed.set(true);
        timers.close();
    }
}
