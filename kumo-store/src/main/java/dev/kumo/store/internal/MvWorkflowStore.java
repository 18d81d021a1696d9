package dev.kumo.store.internal;

import dev.kumo.core.workflow.JoinState;
import dev.kumo.core.workflow.RunStatus;
import dev.kumo.core.workflow.WorkflowDefinition;
import dev.kumo.core.workflow.WorkflowRun;
import dev.kumo.spi.store.NamedRegistry;
import dev.kumo.spi.store.WorkflowStore;
import dev.kumo.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link WorkflowStore} in journaled maps: every change is one {@link GroupCommit.Change}, applied whole on
 * the I/O thread and synced before it returns (sharing the sync with concurrent changes, so the thousand
 * element arrivals of a wide map cost a few dozen syncs). Maps, keyed by run id, NUL and the rest:
 * <ul>
 *   <li>{@code wf.runs}: run id to the run as JSON;</li>
 *   <li>{@code wf.steps}: run, step key to the step state;</li>
 *   <li>{@code wf.joins}: run, join key to the count still to arrive;</li>
 *   <li>{@code wf.joinResults}: run, join key, NUL and the zero-padded index to the arrival's result;</li>
 *   <li>{@code wf.blobs}: large results by id.</li>
 *   <li>{@code wf.memo}: results of memoized calls by the hash of function version and input.</li>
 * </ul>
 * The join counter and the arrival's result change in the same change, so a crash keeps both or neither.
 */
public final class MvWorkflowStore implements WorkflowStore {

    private static final char SEP = '\0';

    private final StoreIo io;
    private final GroupCommit commits;
    private final JsonCodec json;
    private final MvNamedRegistry<WorkflowDefinition> definitions;
    private final JournaledMap<String> runs;
    private final JournaledMap<String> steps;
    private final JournaledMap<String> joins;
    private final JournaledMap<String> joinResults;
    private final JournaledMap<byte[]> blobs;
    private final JournaledMap<byte[]> memo;

    /** Opens (or creates) the maps through {@code commits}. */
    public MvWorkflowStore(StoreIo io, GroupCommit commits, JsonCodec json) {
        this.io = io;
        this.commits = commits;
        this.json = json;
        this.definitions = new MvNamedRegistry<>("workflows", WorkflowDefinition.class, io, commits, json);
        this.runs = io.call(() -> commits.stringMap("wf.runs"));
        this.steps = io.call(() -> commits.stringMap("wf.steps"));
        this.joins = io.call(() -> commits.stringMap("wf.joins"));
        this.joinResults = io.call(() -> commits.stringMap("wf.joinResults"));
        this.blobs = io.call(() -> commits.bytesMap("wf.blobs"));
        this.memo = io.call(() -> commits.bytesMap("wf.memo"));
    }

    @Override
    public NamedRegistry<WorkflowDefinition> definitions() {
        return definitions;
    }

    @Override
    public void createRun(WorkflowRun run) {
        var text = json.write(run);
        commits.commit(() -> runs.put(run.id(), text));
    }

    @Override
    public Optional<WorkflowRun> run(String runId) {
        return Optional.ofNullable(io.call(() -> runs.get(runId))).map(this::decode);
    }

    @Override
    public List<WorkflowRun> runs(String workflow, int limit) {
        return all().stream().filter(r -> r.workflow().equals(workflow))
                .sorted(Comparator.comparing(WorkflowRun::started).reversed()).limit(limit).toList();
    }

    @Override
    public List<WorkflowRun> unfinished() {
        return all().stream().filter(r -> r.status() == RunStatus.RUNNING).toList();
    }

    private List<WorkflowRun> all() {
        var texts = io.call(() -> {
            var out = new ArrayList<String>();
            for (var it = runs.cursor(null); it.hasNext(); ) {
                it.next();
                out.add(it.getValue());
            }
            return out;
        });
        return texts.stream().map(this::decode).toList();
    }

    @Override
    public boolean finishRun(String runId, RunStatus status, String result, Instant ended) {
        return commits.commit(() -> {
            var text = runs.get(runId);
            if (text == null) {
                return false;
            }
            var run = decode(text);
            if (run.status() != RunStatus.RUNNING) {
                return false;
            }
            runs.put(runId, json.write(run.finish(status, result, ended)));
            return true;
        });
    }

    @Override
    public void putStep(String runId, String stepKey, String state) {
        commits.commit(() -> steps.put(runId + SEP + stepKey, state));
    }

    @Override
    public void putSteps(String runId, Map<String, String> states) {
        var copy = Map.copyOf(states);
        commits.commit(() -> {
            copy.forEach((k, v) -> steps.put(runId + SEP + k, v));
            return copy.size();
        });
    }

    @Override
    public Map<String, String> steps(String runId) {
        return io.call(() -> {
            var out = new LinkedHashMap<String, String>();
            var prefix = runId + SEP;
            for (var it = steps.cursor(prefix); it.hasNext(); ) {
                var key = it.next();
                if (!key.startsWith(prefix)) {
                    break;
                }
                out.put(key.substring(prefix.length()), it.getValue());
            }
            return out;
        });
    }

    @Override
    public JoinState openJoin(String runId, String joinKey, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative join count " + count);
        }
        var key = runId + SEP + joinKey;
        return commits.commit(() -> {
            if (!joins.containsKey(key)) {
                joins.put(key, Integer.toString(count));
            }
            return readJoin(key);
        });
    }

    @Override
    public int joinArrived(String runId, String joinKey, int index, String result) {
        var key = runId + SEP + joinKey;
        var resultKey = resultKey(key, index);
        return commits.commit(() -> {
            var remaining = joins.get(key);
            if (remaining == null) {
                throw new IllegalStateException("join " + joinKey + " of run " + runId + " is not open");
            }
            if (joinResults.containsKey(resultKey)) {
                return -1;
            }
            int left = Integer.parseInt(remaining) - 1;
            joinResults.put(resultKey, result);
            joins.put(key, Integer.toString(left));
            return left;
        });
    }

    @Override
    public Optional<JoinState> join(String runId, String joinKey) {
        var key = runId + SEP + joinKey;
        return io.call(() -> joins.containsKey(key) ? Optional.of(readJoin(key)) : Optional.empty());
    }

    /** On the I/O thread. */
    private JoinState readJoin(String key) {
        var results = new TreeMap<Integer, String>();
        var prefix = key + SEP;
        for (var it = joinResults.cursor(prefix); it.hasNext(); ) {
            var k = it.next();
            if (!k.startsWith(prefix)) {
                break;
            }
            results.put(Integer.parseInt(k.substring(prefix.length())), it.getValue());
        }
        return new JoinState(Integer.parseInt(joins.get(key)), results);
    }

    private static String resultKey(String joinKey, int index) {
        return joinKey + SEP + String.format("%010d", index);
    }

    @Override
    public void putBlob(String id, byte[] content) {
        var copy = content.clone();
        commits.commit(() -> blobs.put(id, copy));
    }

    @Override
    public Optional<byte[]> blob(String id) {
        return Optional.ofNullable(io.call(() -> blobs.get(id)));
    }

    @Override
    public Optional<byte[]> memo(String key) {
        return Optional.ofNullable(io.call(() -> memo.get(key))).map(byte[]::clone);
    }

    @Override
    public void putMemo(String key, byte[] result) {
        var copy = result.clone();
        commits.commit(() -> memo.put(key, copy));
    }

    private WorkflowRun decode(String text) {
        try {
            return json.read(text, WorkflowRun.class);
        } catch (RuntimeException e) {
            throw new StoreException("cannot read a stored workflow run: " + e.getMessage(), e);
        }
    }
}
