package dev.kumo.workflow.internal;

import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.Names;
import dev.kumo.workflow.JsonPath;
import dev.kumo.workflow.Retry;
import dev.kumo.workflow.Step;
import dev.kumo.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a {@link Workflow}: parsing with checks that name the offending field (such as
 * {@code steps.fan.itemsPath} or {@code steps.par.branches[1].startAt}), and writing.
 */
public final class WorkflowJson {

    /** The mapper of workflow values. */
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final Set<String> WORKFLOW_FIELDS = Set.of("startAt", "steps", "comment");
    private static final Map<String, Set<String>> STEP_FIELDS = Map.of(
            "task", Set.of("type", "function", "qualifier", "inputPath", "retry", "timeoutMs", "memoize", "next",
                    "end", "comment"),
            "map", Set.of("type", "itemsPath", "function", "qualifier", "itemField", "maxConcurrency", "retry",
                    "memoize", "timeoutMs", "next", "end", "comment"),
            "parallel", Set.of("type", "branches", "next", "end", "comment"),
            "choice", Set.of("type", "choices", "default", "comment"));

    private WorkflowJson() {
    }

    /** Parses and validates {@code json}. */
    public static Workflow parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidRequestException("", "malformed JSON: " + e.getOriginalMessage());
        }
        return workflow(root, "");
    }

    private static Workflow workflow(JsonNode node, String at) {
        require(node != null && node.isObject(), at.isEmpty() ? "" : strip(at), "a workflow must be a JSON object");
        unknownFields(node, WORKFLOW_FIELDS, at);
        var startAt = text(node, "startAt", at, true).orElseThrow();
        var stepsNode = node.get("steps");
        require(stepsNode != null && stepsNode.isObject() && !stepsNode.isEmpty(), at + "steps",
                "steps must be a non-empty object");
        var steps = new LinkedHashMap<String, Step>();
        for (var e : stepsNode.properties()) {
            var name = e.getKey();
            require(name.matches("[A-Za-z0-9_-]{1,64}"), at + "steps." + name,
                    "step names are 1 to 64 letters, digits, '_' or '-'");
            steps.put(name, step(e.getValue(), at + "steps." + name + "."));
        }
        require(steps.containsKey(startAt), at + "startAt", "startAt names no step: '" + startAt + "'");
        for (var e : steps.entrySet()) {
            var field = at + "steps." + e.getKey() + ".";
            switch (e.getValue()) {
                case Step.Choice c -> {
                    for (int i = 0; i < c.rules().size(); i++) {
                        known(steps, c.rules().get(i).next(), field + "choices[" + i + "].next");
                    }
                    c.otherwise().ifPresent(d -> known(steps, d, field + "default"));
                }
                default -> e.getValue().next().ifPresent(n -> known(steps, n, field + "next"));
            }
        }
        acyclic(startAt, steps, at);
        return new Workflow(startAt, steps);
    }

    private static Step step(JsonNode node, String at) {
        require(node.isObject(), strip(at), "a step must be a JSON object");
        var type = text(node, "type", at, true).orElseThrow();
        var fields = STEP_FIELDS.get(type);
        require(fields != null, at + "type", "type must be task, map, parallel or choice, got '" + type + "'");
        unknownFields(node, fields, at);
        Optional<String> next = Optional.empty();
        if (!type.equals("choice")) {
            next = text(node, "next", at, false);
            boolean end = node.has("end") && node.get("end").asBoolean(false);
            require(next.isPresent() != end, at + "next", "a step has either next or \"end\": true");
        }
        return switch (type) {
            case "task" -> new Step.Task(function(node, at), qualifier(node, at),
                    path(node, "inputPath", at).orElse(JsonPath.ROOT), retry(node, at), timeout(node, at),
                    memoize(node, at), next);
            case "map" -> {
                var items = path(node, "itemsPath", at);
                require(items.isPresent(), at + "itemsPath", "itemsPath is required");
                var concurrency = node.get("maxConcurrency");
                require(concurrency == null || concurrency.isInt() && concurrency.asInt() >= 1,
                        at + "maxConcurrency", "maxConcurrency must be a positive integer");
                var itemField = text(node, "itemField", at, false);
                yield new Step.MapStep(items.get(), function(node, at), qualifier(node, at), itemField,
                        concurrency == null ? 0 : concurrency.asInt(), retry(node, at), timeout(node, at),
                        memoize(node, at), next);
            }
            case "parallel" -> {
                var branches = node.get("branches");
                require(branches != null && branches.isArray() && !branches.isEmpty(), at + "branches",
                        "branches must be a non-empty array");
                var list = new ArrayList<Workflow>();
                for (int i = 0; i < branches.size(); i++) {
                    list.add(workflow(branches.get(i), at + "branches[" + i + "]."));
                }
                yield new Step.Parallel(list, next);
            }
            default -> choice(node, at);
        };
    }

    private static Step.Choice choice(JsonNode node, String at) {
        var choices = node.get("choices");
        require(choices != null && choices.isArray() && !choices.isEmpty(), at + "choices",
                "choices must be a non-empty array");
        var rules = new ArrayList<Step.Rule>();
        for (int i = 0; i < choices.size(); i++) {
            var c = choices.get(i);
            var f = at + "choices[" + i + "].";
            require(c.isObject(), strip(f), "a choice must be a JSON object");
            unknownFields(c, Set.of("path", "op", "value", "next"), f);
            var path = path(c, "path", f);
            require(path.isPresent(), f + "path", "path is required");
            var opText = text(c, "op", f, true).orElseThrow();
            Step.Op op;
            try {
                op = Step.Op.valueOf(opText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(f + "op", "op must be gt, ge, lt, le, eq or ne, got '" + opText + "'");
            }
            require(c.has("value"), f + "value", "value is required");
            var value = c.get("value");
            require(op == Step.Op.EQ || op == Step.Op.NE || value.isNumber(), f + "value",
                    "op " + opText + " compares numbers: value must be a number");
            rules.add(new Step.Rule(path.get(), op, value.toString(), text(c, "next", f, true).orElseThrow()));
        }
        return new Step.Choice(rules, text(node, "default", at, false));
    }

    private static String function(JsonNode node, String at) {
        var name = text(node, "function", at, true).orElseThrow();
        try {
            return Names.function(name);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(at + "function", e.getMessage());
        }
    }

    private static String qualifier(JsonNode node, String at) {
        return text(node, "qualifier", at, false).orElse("$LATEST");
    }

    private static Retry retry(JsonNode node, String at) {
        var r = node.get("retry");
        if (r == null) {
            return Retry.NONE;
        }
        require(r.isObject(), at + "retry", "retry must be an object {maxAttempts, backoffMs}");
        unknownFields(r, Set.of("maxAttempts", "backoffMs"), at + "retry.");
        var attempts = r.get("maxAttempts");
        var backoff = r.get("backoffMs");
        require(attempts != null && attempts.isInt(), at + "retry.maxAttempts", "maxAttempts must be an integer");
        require(backoff == null || backoff.canConvertToLong(), at + "retry.backoffMs", "backoffMs must be an integer");
        try {
            return new Retry(attempts.asInt(), Duration.ofMillis(backoff == null ? 0 : backoff.asLong()));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(at + "retry", e.getMessage());
        }
    }

    private static boolean memoize(JsonNode node, String at) {
        var m = node.get("memoize");
        require(m == null || m.isBoolean(), at + "memoize", "memoize must be true or false");
        return m != null && m.asBoolean();
    }

    private static Optional<Duration> timeout(JsonNode node, String at) {
        var t = node.get("timeoutMs");
        if (t == null) {
            return Optional.empty();
        }
        require(t.canConvertToLong() && t.asLong() >= 1 && t.asLong() <= 3_600_000, at + "timeoutMs",
                "timeoutMs must be an integer between 1 and 3600000");
        return Optional.of(Duration.ofMillis(t.asLong()));
    }

    private static Optional<JsonPath> path(JsonNode node, String field, String at) {
        var text = text(node, field, at, false);
        try {
            return text.map(JsonPath::parse);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(at + field, e.getMessage());
        }
    }

    private static Optional<String> text(JsonNode node, String field, String at, boolean required) {
        var v = node.get(field);
        if (v == null || v.isNull()) {
            require(!required, at + field, field + " is required");
            return Optional.empty();
        }
        require(v.isString() && !v.asString().isBlank(), at + field, field + " must be a non-empty string");
        return Optional.of(v.asString());
    }

    private static void unknownFields(JsonNode node, Set<String> allowed, String at) {
        for (var name : node.propertyNames()) {
            require(allowed.contains(name), at + name, "unknown field '" + name + "'");
        }
    }

    private static void known(Map<String, Step> steps, String name, String field) {
        require(steps.containsKey(name), field, "no step named '" + name + "'");
    }

    /** Depth-first search for a back edge among the successors of each step. */
    private static void acyclic(String start, Map<String, Step> steps, String at) {
        var done = new HashSet<String>();
        for (var name : steps.keySet()) {
            visit(name, steps, new LinkedHashMap<>(), done, at);
        }
    }

    private static void visit(String name, Map<String, Step> steps, LinkedHashMap<String, Boolean> path,
                              Set<String> done, String at) {
        if (done.contains(name)) {
            return;
        }
        if (path.containsKey(name)) {
            var cycle = new ArrayList<>(path.keySet().stream().dropWhile(n -> !n.equals(name)).toList());
            cycle.add(name);
            var last = cycle.get(cycle.size() - 2);
            throw new InvalidRequestException(at + "steps." + last + (steps.get(last) instanceof Step.Choice
                    ? ".choices" : ".next"), "a workflow is a DAG, but steps form a cycle: " + String.join(" -> ", cycle));
        }
        path.put(name, true);
        for (var n : successors(steps.get(name))) {
            visit(n, steps, path, done, at);
        }
        path.remove(name);
        done.add(name);
    }

    /** The successors of a step in its scope. */
    public static List<String> successors(Step step) {
        return switch (step) {
            case Step.Choice c -> {
                var out = new ArrayList<String>();
                c.rules().forEach(r -> out.add(r.next()));
                c.otherwise().ifPresent(out::add);
                yield out;
            }
            default -> step.next().stream().toList();
        };
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new InvalidRequestException(strip(field), message);
        }
    }

    private static String strip(String field) {
        return field.endsWith(".") ? field.substring(0, field.length() - 1) : field;
    }

    /** The JSON form of {@code workflow}. */
    public static String write(Workflow workflow) {
        return MAPPER.writeValueAsString(tree(workflow));
    }

    private static ObjectNode tree(Workflow workflow) {
        var root = MAPPER.createObjectNode();
        root.put("startAt", workflow.startAt());
        var steps = root.putObject("steps");
        var seen = new HashMap<String, Boolean>();
        for (var e : workflow.steps().entrySet()) {
            seen.put(e.getKey(), true);
            var s = steps.putObject(e.getKey());
            switch (e.getValue()) {
                case Step.Task t -> {
                    s.put("type", "task").put("function", t.function());
                    call(s, t.qualifier(), t.retry(), t.timeout());
                    if (t.memoize()) {
                        s.put("memoize", true);
                    }
                    if (!t.inputPath().selectors().isEmpty()) {
                        s.put("inputPath", t.inputPath().text());
                    }
                }
                case Step.MapStep m -> {
                    s.put("type", "map").put("itemsPath", m.itemsPath().text()).put("function", m.function());
                    call(s, m.qualifier(), m.retry(), m.timeout());
                    if (m.memoize()) {
                        s.put("memoize", true);
                    }
                    m.itemField().ifPresent(f -> s.put("itemField", f));
                    if (m.maxConcurrency() > 0) {
                        s.put("maxConcurrency", m.maxConcurrency());
                    }
                }
                case Step.Parallel p -> {
                    s.put("type", "parallel");
                    ArrayNode branches = s.putArray("branches");
                    p.branches().forEach(b -> branches.add(tree(b)));
                }
                case Step.Choice c -> {
                    s.put("type", "choice");
                    var choices = s.putArray("choices");
                    for (var r : c.rules()) {
                        choices.addObject().put("path", r.path().text()).put("op", r.op().name().toLowerCase(Locale.ROOT))
                                .set("value", MAPPER.readTree(r.value()));
                        ((ObjectNode) choices.get(choices.size() - 1)).put("next", r.next());
                    }
                    c.otherwise().ifPresent(d -> s.put("default", d));
                }
            }
            if (!(e.getValue() instanceof Step.Choice)) {
                e.getValue().next().ifPresentOrElse(n -> s.put("next", n), () -> s.put("end", true));
            }
        }
        return root;
    }

    private static void call(ObjectNode s, String qualifier, Retry retry, Optional<Duration> timeout) {
        if (!qualifier.equals("$LATEST")) {
            s.put("qualifier", qualifier);
        }
        if (retry.maxAttempts() > 1) {
            s.putObject("retry").put("maxAttempts", retry.maxAttempts()).put("backoffMs", retry.backoff().toMillis());
        }
        timeout.ifPresent(t -> s.put("timeoutMs", t.toMillis()));
    }
}
