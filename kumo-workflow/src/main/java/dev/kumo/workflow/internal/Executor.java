package dev.kumo.workflow.internal;

import static dev.kumo.workflow.internal.StepStates.error;
import static dev.kumo.workflow.internal.StepStates.state;

import dev.kumo.core.ActivationId;
import dev.kumo.core.InvocationRequest;
import dev.kumo.core.InvocationResult;
import dev.kumo.core.workflow.JoinState;
import dev.kumo.core.workflow.RunStatus;
import dev.kumo.core.workflow.WorkflowRun;
import dev.kumo.spi.store.WorkflowStore;
import dev.kumo.workflow.Retry;
import dev.kumo.workflow.Step;
import dev.kumo.workflow.StepInvoker;
import dev.kumo.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs workflows without a coordinator. The thread that ends a step goes on with its successor; a
 * {@code parallel} or {@code map} step runs its first branch or element on the same thread and starts the
 * others on virtual threads of their own. Each branch or element that ends records its result and
 * decrements the step's join counter in one atomic store change ({@link WorkflowStore#joinArrived}); the one
 * that brings it to zero assembles the results in order and goes on with the step's successor.
 *
 * <p>Driving a run again after a restart takes the same path: steps whose success is stored are skipped
 * with their stored output, a join that is already open keeps its count, and only branches and elements
 * that have not arrived run (again, when they were running at the crash).
 */
public final class Executor {

    private static final System.Logger LOG = System.getLogger(Executor.class.getName());

    private final WorkflowStore store;
    private final StepInvoker invoker;
    private final InstantSource clock;
    private final Consumer<WorkflowRun> ended;
    private final Payloads payloads;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** An executor that reports each run it ends to {@code ended}. */
    public Executor(WorkflowStore store, StepInvoker invoker, InstantSource clock, Consumer<WorkflowRun> ended) {
        this.store = store;
        this.invoker = invoker;
        this.clock = clock;
        this.ended = ended;
        this.payloads = new Payloads(store);
    }

    /** A run in memory: its definition, and the step states stored when it was (re)started. */
    private static final class Run {
        final String id;
        final Map<String, String> recorded;
        final AtomicBoolean over = new AtomicBoolean();
        final ConcurrentHashMap<String, Semaphore> windows = new ConcurrentHashMap<>();

        Run(String id, Map<String, String> recorded) {
            this.id = id;
            this.recorded = recorded;
        }
    }

    private record Scope(String prefix, Workflow workflow, Optional<Parent> parent) {
    }

    private record Parent(Scope scope, String step, int index) {
    }

    /** Drives {@code run} from its first step (skipping what {@code recorded} shows done) on this thread. */
    public void drive(WorkflowRun run, Workflow workflow, JsonNode input, Map<String, String> recorded) {
        var r = new Run(run.id(), recorded);
        guarded(r, () -> walk(r, new Scope("", workflow, Optional.empty()), workflow.startAt(), input));
    }

    /** Stops driving: threads still running finish their current try and store nothing more. */
    public void close() {
        closed.set(true);
    }

    private void guarded(Run run, Runnable body) {
        try {
            body.run();
        } catch (RuntimeException e) {
            if (closed.get()) {
                return; // the node is stopping: the run resumes at the next start
            }
            LOG.log(System.Logger.Level.ERROR, "workflow run " + run.id + " failed inside Kumo", e);
            try {
                fail(run, "", error("InternalError", String.valueOf(e.getMessage())), 0, List.of(), clock.instant());
            } catch (RuntimeException again) {
                LOG.log(System.Logger.Level.ERROR, "cannot record the failure of run " + run.id, again);
            }
        }
    }

    private void walk(Run run, Scope scope, String name, JsonNode input) {
        while (!run.over.get() && !closed.get()) {
            var step = scope.workflow().steps().get(name);
            var key = scope.prefix() + name;
            var done = succeeded(run, key);
            JsonNode output;
            if (done.isPresent() && !(step instanceof Step.Choice)) {
                output = done.get();
            } else {
                switch (step) {
                    case Step.Task t -> {
                        var payload = t.inputPath().select(input);
                        if (payload.isEmpty()) {
                            fail(run, key, error("InputPathMatchedNothing", "inputPath " + t.inputPath()
                                    + " selects nothing in the input of step " + key), 0, List.of(), clock.instant());
                            return;
                        }
                        var out = call(run, key, t.function(), t.qualifier(), t.retry(), t.timeout(), payload.get(),
                                true, t.memoize());
                        if (out.isEmpty()) {
                            return;
                        }
                        output = out.get();
                    }
                    case Step.Choice c -> {
                        var next = Choices.pick(c, input);
                        if (next.isEmpty()) {
                            fail(run, key, error("NoChoiceMatched", "no choice of step " + key
                                    + " matches and it has no default"), 0, List.of(), clock.instant());
                            return;
                        }
                        if (done.isEmpty()) {
                            var now = clock.instant();
                            store.putStep(run.id, key, state("succeeded", 0, now, Optional.of(now), List.of())
                                    .put("next", next.get()).toString());
                        }
                        name = next.get();
                        continue;
                    }
                    case Step.Parallel p -> {
                        parallel(run, scope, name, p, input);
                        return;
                    }
                    case Step.MapStep m -> {
                        map(run, scope, name, m, input);
                        return;
                    }
                }
            }
            var next = step.next();
            if (next.isEmpty()) {
                scopeEnded(run, scope, output);
                return;
            }
            name = next.get();
            input = output;
        }
    }

    private void parallel(Run run, Scope scope, String name, Step.Parallel p, JsonNode input) {
        var key = scope.prefix() + name;
        var join = store.openJoin(run.id, key, p.branches().size());
        if (join.remaining() == 0) {
            joined(run, scope, name, join);
            return;
        }
        store.putStep(run.id, key, state("running", 0, clock.instant(), Optional.empty(), List.of()).toString());
        var missing = new ArrayList<Integer>();
        for (int i = 0; i < p.branches().size(); i++) {
            if (!join.results().containsKey(i)) {
                missing.add(i);
            }
        }
        for (int i : missing.subList(1, missing.size())) {
            Thread.ofVirtual().name("kumo-wf-" + key + "/" + i).start(() -> guarded(run, () -> branch(run, scope,
                    name, p, i, input)));
        }
        branch(run, scope, name, p, missing.getFirst(), input);
    }

    private void branch(Run run, Scope scope, String name, Step.Parallel p, int index, JsonNode input) {
        var b = p.branches().get(index);
        walk(run, new Scope(scope.prefix() + name + "/" + index + "/", b,
                Optional.of(new Parent(scope, name, index))), b.startAt(), input);
    }

    private void map(Run run, Scope scope, String name, Step.MapStep m, JsonNode input) {
        var key = scope.prefix() + name;
        var items = m.itemsPath().select(input).filter(JsonNode::isArray);
        if (items.isEmpty()) {
            fail(run, key, error("ItemsNotAnArray", "itemsPath " + m.itemsPath() + " of step " + key
                    + " does not select an array"), 0, List.of(), clock.instant());
            return;
        }
        var array = items.get();
        var join = store.openJoin(run.id, key, array.size());
        if (join.remaining() == 0) {
            joined(run, scope, name, join);
            return;
        }
        store.putStep(run.id, key, state("running", 0, clock.instant(), Optional.empty(), List.of())
                .put("items", array.size()).toString());
        var window = run.windows.computeIfAbsent(key, k -> new Semaphore(m.maxConcurrency() > 0
                ? m.maxConcurrency() : Integer.MAX_VALUE));
        var missing = new ArrayList<Integer>();
        for (int i = 0; i < array.size(); i++) {
            if (!join.results().containsKey(i)) {
                missing.add(i);
            }
        }
        for (int i : missing.subList(1, missing.size())) {
            Thread.ofVirtual().name("kumo-wf-" + key + "[" + i + "]").start(() -> guarded(run, () ->
                    element(run, scope, name, m, window, i, array.get(i))));
        }
        element(run, scope, name, m, window, missing.getFirst(), array.get(missing.getFirst()));
    }

    private void element(Run run, Scope scope, String name, Step.MapStep m, Semaphore window, int index,
                         JsonNode item) {
        var key = scope.prefix() + name;
        window.acquireUninterruptibly();
        Optional<JsonNode> out;
        try {
            if (run.over.get() || closed.get()) {
                return;
            }
            JsonNode payload = m.itemField().<JsonNode>map(f -> WorkflowJson.MAPPER.createObjectNode().set(f, item))
                    .orElse(item);
            out = call(run, key + "[" + index + "]", m.function(), m.qualifier(), m.retry(), m.timeout(), payload,
                    false, m.memoize());
        } finally {
            window.release();
        }
        if (out.isEmpty() || closed.get()) {
            return;
        }
        int left = store.joinArrived(run.id, key, index, payloads.save(run.id, key + "[" + index + "]", out.get()));
        if (left == 0) {
            joined(run, scope, name, store.join(run.id, key).orElseThrow());
        }
    }

    /** The join of step {@code name} is complete: its output is the results in order; go on after it. */
    private void joined(Run run, Scope scope, String name, JoinState join) {
        var key = scope.prefix() + name;
        var array = WorkflowJson.MAPPER.createArrayNode();
        join.results().values().forEach(v -> array.add(payloads.load(v)));
        var current = Optional.ofNullable(store.steps(run.id).get(key)).map(WorkflowJson.MAPPER::readTree);
        var started = current.map(c -> c.path("startedAt").asString("")).filter(t -> !t.isEmpty())
                .map(Instant::parse).orElseGet(clock::instant);
        var state = state("succeeded", 0, started, Optional.of(clock.instant()), List.of())
                .put("output", payloads.save(run.id, key, array));
        if (scope.workflow().steps().get(name) instanceof Step.MapStep) {
            state.put("items", array.size());
        }
        store.putStep(run.id, key, state.toString());
        var next = scope.workflow().steps().get(name).next();
        if (next.isEmpty()) {
            scopeEnded(run, scope, array);
        } else {
            walk(run, scope, next.get(), array);
        }
    }

    private void scopeEnded(Run run, Scope scope, JsonNode output) {
        if (scope.parent().isEmpty()) {
            finish(run, RunStatus.SUCCEEDED, WorkflowJson.MAPPER.writeValueAsString(output));
            return;
        }
        var parent = scope.parent().get();
        var joinKey = parent.scope().prefix() + parent.step();
        int left = store.joinArrived(run.id, joinKey, parent.index(),
                payloads.save(run.id, scope.prefix() + "$out", output));
        if (left == 0) {
            joined(run, parent.scope(), parent.step(), store.join(run.id, joinKey).orElseThrow());
        }
    }

    /**
     * Tries a function up to the retry's attempts; empty when it failed for good (the run is then failed). With
     * {@code memoize}, a result stored for the same function version and input is used instead of a call, and
     * a successful call's result is stored.
     */
    private Optional<JsonNode> call(Run run, String key, String function, String qualifier, Retry retry,
                                    Optional<Duration> timeout, JsonNode input, boolean record, boolean memoize) {
        var payload = WorkflowJson.MAPPER.writeValueAsBytes(input);
        var started = clock.instant();
        var memoKey = memoize ? Memos.key(invoker, function, qualifier, payload) : Optional.<String>empty();
        var memo = memoKey.flatMap(store::memo);
        if (memo.isPresent()) {
            var output = memo.get().length == 0 ? WorkflowJson.MAPPER.nullNode()
                    : WorkflowJson.MAPPER.readTree(memo.get());
            store.putStep(run.id, key, state("succeeded", 0, started, Optional.of(clock.instant()), List.of())
                    .put("memoized", true).put("output", payloads.save(run.id, key, output)).toString());
            return Optional.of(output);
        }
        var ids = new ArrayList<String>();
        ObjectNode error = null;
        int attempt = 1;
        for (; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1 && !sleep(retry.delayBefore(attempt))) {
                return Optional.empty();
            }
            if (run.over.get() || closed.get()) {
                return Optional.empty();
            }
            if (record) {
                store.putStep(run.id, key, state("running", attempt, started, Optional.empty(), ids).toString());
            }
            var now = clock.instant();
            var request = new InvocationRequest(function, qualifier, payload, now, ActivationId.random(), 1,
                    Optional.empty(), 0, timeout.map(now::plus));
            var result = invoker.invoke(request);
            boolean retryable = true;
            switch (result) {
                case InvocationResult.Success s -> {
                    ids.add(s.activationId().value());
                    var output = s.output().length == 0 ? WorkflowJson.MAPPER.nullNode()
                            : WorkflowJson.MAPPER.readTree(s.output());
                    memoKey.ifPresent(k -> store.putMemo(k, s.output()));
                    if (record) {
                        store.putStep(run.id, key, state("succeeded", attempt, started, Optional.of(clock.instant()),
                                ids).put("output", payloads.save(run.id, key, output)).toString());
                    }
                    return Optional.of(output);
                }
                case InvocationResult.FunctionError f -> {
                    ids.add(f.activationId().value());
                    error = error(f.error().errorType(), f.error().message());
                }
                case InvocationResult.TimedOut t -> {
                    ids.add(t.activationId().value());
                    error = error("Timeout", "step " + key + " ran past its timeout of " + t.timeout().toMillis()
                            + " ms");
                }
                case InvocationResult.Rejected r -> {
                    ids.add(r.activationId().value());
                    error = error(r.reason().name(), r.message());
                }
                case InvocationResult.InvalidInput i -> {
                    ids.add(i.activationId().value());
                    error = error("InvalidInput", i.message());
                    retryable = false;
                }
                case InvocationResult.NotFound n -> {
                    error = error("NotFound", n.message());
                    retryable = false;
                }
            }
            if (!retryable) {
                break;
            }
        }
        fail(run, key, error, Math.min(attempt, retry.maxAttempts()), ids, started);
        return Optional.empty();
    }

    private boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void fail(Run run, String key, ObjectNode error, int attempts, List<String> ids, Instant started) {
        if (closed.get() || run.over.get()) {
            return;
        }
        if (!key.isEmpty()) {
            store.putStep(run.id, key, state("failed", attempts, started, Optional.of(clock.instant()), ids)
                    .set("error", error).toString());
            error.put("step", key);
        }
        finish(run, RunStatus.FAILED, error.toString());
    }

    private void finish(Run run, RunStatus status, String result) {
        if (closed.get() || !run.over.compareAndSet(false, true)) {
            return;
        }
        store.finishRun(run.id, status, result, clock.instant());
        store.run(run.id).ifPresent(ended);
    }

    private Optional<JsonNode> succeeded(Run run, String key) {
        var stored = run.recorded.get(key);
        if (stored == null) {
            return Optional.empty();
        }
        var state = WorkflowJson.MAPPER.readTree(stored);
        if (!"succeeded".equals(state.path("status").asString(""))) {
            return Optional.empty();
        }
        var output = state.get("output");
        return Optional.of(output == null ? WorkflowJson.MAPPER.nullNode() : payloads.load(output.asString()));
    }
}
