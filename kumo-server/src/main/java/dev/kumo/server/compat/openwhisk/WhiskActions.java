package dev.kumo.server.compat.openwhisk;

import dev.kumo.core.FunctionConfig;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.Runtimes;
import dev.kumo.core.Tier;
import dev.kumo.core.event.WhiskEntity;
import dev.kumo.server.http.Response;
import dev.kumo.server.routes.DeployRequest;
import dev.kumo.server.routes.Deployer;
import dev.kumo.spi.store.Store;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/namespaces/{ns}/actions[/{name}]}: create or update (PUT, 409 for an existing action unless
 * {@code overwrite=true}), get, list and delete actions. An action is a Kumo function; its default
 * parameters, annotations and version live in a {@link WhiskEntity} beside it.
 */
final class WhiskActions {

    /** OpenWhisk's default action timeout, longer than Kumo's. */
    static final long DEFAULT_TIMEOUT_MS = 60_000;
    static final int DEFAULT_LOGS_KB = 10;

    private final Store store;
    private final Deployer deployer;
    private final JsonMapper mapper;
    private final InstantSource clock;
    private final Consumer<String> retire;

    WhiskActions(Store store, Deployer deployer, JsonMapper mapper, InstantSource clock, Consumer<String> retire) {
        this.store = store;
        this.deployer = deployer;
        this.mapper = mapper;
        this.clock = clock;
        this.retire = retire;
    }

    /** What an activation record shows of its action. */
    record Info(String kind, String version, long timeoutMs, int memoryMb, int logsKb, int concurrency) {
    }

    /** The action's current kind, version and limits; defaults once it is gone. */
    Info info(String kumo) {
        var fv = store.functions().get(kumo, FunctionVersion.LATEST);
        var entity = store.whiskEntities().get(key(kumo));
        String kind = entity.map(WhiskEntity::kind).filter(k -> !k.isEmpty())
                .orElse(fv.map(f -> defaultKind(f.config().runtime())).orElse("unknown"));
        String version = entity.map(WhiskEntity::version)
                .orElse(fv.map(f -> "0.0." + f.revision()).orElse("0.0.1"));
        return new Info(kind, version,
                fv.map(f -> f.config().timeoutMs()).orElse(DEFAULT_TIMEOUT_MS),
                fv.map(f -> f.config().memoryMb()).orElse(FunctionConfig.DEFAULT_MEMORY_MB),
                entity.map(WhiskEntity::logsKb).orElse(DEFAULT_LOGS_KB),
                fv.map(f -> f.config().perInstanceConcurrency()).orElse(1));
    }

    static String key(String kumo) {
        return "action:" + kumo;
    }

    Response list(WhiskCall c) {
        String ns = c.namespace();
        if (c.flag("count")) {
            long n = 0;
            String token = "";
            do {
                var page = store.functions().list(token, 500);
                n += page.items().stream().filter(fv -> WhiskNames.entity(ns, fv.function()).isPresent()).count();
                token = page.nextToken().orElse("");
            } while (!token.isEmpty());
            return WhiskApi.ok(mapper, Map.of("actions", n));
        }
        int limit = c.intQuery("limit", 30, 0, 200);
        int skip = c.intQuery("skip", 0, 0, Integer.MAX_VALUE);
        var views = new ArrayList<Map<String, Object>>();
        String token = "";
        int seen = 0;
        do {
            var page = store.functions().list(token, 500);
            for (var fv : page.items()) {
                var name = WhiskNames.entity(ns, fv.function());
                if (name.isPresent() && seen++ >= skip && (limit == 0 || views.size() < limit)) {
                    views.add(view(ns, name.get(), fv));
                }
            }
            token = page.nextToken().orElse("");
        } while (!token.isEmpty() && (limit == 0 || views.size() < limit));
        return WhiskApi.ok(mapper, views);
    }

    Response get(WhiskCall c) {
        String ns = c.namespace();
        String name = c.param("name");
        return WhiskApi.ok(mapper, view(ns, name, latest(WhiskNames.kumo(ns, name))));
    }

    Response delete(WhiskCall c) {
        String ns = c.namespace();
        String name = c.param("name");
        String kumo = WhiskNames.kumo(ns, name);
        var view = view(ns, name, latest(kumo));
        if (!store.functions().delete(kumo)) {
            throw WhiskException.notFound();
        }
        retire.accept(kumo);
        store.whiskEntities().delete(key(kumo));
        return WhiskApi.ok(mapper, view);
    }

    Response put(WhiskCall c) {
        String ns = c.namespace();
        String name = c.param("name");
        String kumo = WhiskNames.kumo(ns, name);
        var body = c.body(mapper);
        var current = store.functions().get(kumo, FunctionVersion.LATEST);
        if (current.isPresent() && !c.flag("overwrite")) {
            throw WhiskException.conflict();
        }
        var entity = store.whiskEntities().get(key(kumo));
        JsonNode exec = body.path("exec");
        if (current.isEmpty() && !exec.isObject()) {
            throw WhiskException.badRequest("exec is required to create an action: {\"kind\":...,\"code\":...}.");
        }
        Optional<ActionCode> code = exec.isObject()
                ? Optional.of(ActionCode.of(text(exec, "kind"), text(exec, "code"), text(exec, "main"),
                        exec.path("binary").asBoolean(false), mapper))
                : Optional.empty();
        if (code.isPresent() && current.isPresent()
                && !code.get().runtime().equals(current.get().config().runtime())) {
            throw WhiskException.badRequest("The action runs " + current.get().config().runtime()
                    + "; delete it to change its kind to " + text(exec, "kind") + ".");
        }
        String runtime = code.map(ActionCode::runtime).orElseGet(() -> current.orElseThrow().config().runtime());
        JsonNode limits = body.path("limits");
        Integer concurrency = limits.has("concurrency") ? Integer.valueOf(limits.path("concurrency").asInt()) : null;
        String tier = null;
        if (concurrency != null) {
            if (!Runtimes.JAVA.equals(runtime) && concurrency != 1) {
                throw WhiskException.badRequest("limits.concurrency above 1 is only supported for java actions.");
            }
            if (Runtimes.JAVA.equals(runtime) && concurrency > 1) {
                tier = Tier.SHARED.wireName();
            } else if (current.filter(fv -> fv.config().tier() == Tier.SHARED).isPresent()) {
                tier = Tier.ISOLATED.wireName(); // one invocation per instance again
            }
        }
        Long timeout = limits.has("timeout") ? Long.valueOf(limits.path("timeout").asLong())
                : current.isEmpty() ? Long.valueOf(DEFAULT_TIMEOUT_MS) : null;
        Integer memory = limits.has("memory") ? Integer.valueOf(limits.path("memory").asInt()) : null;
        var request = new DeployRequest(code.map(ActionCode::handler).orElse(null), runtime, null, memory, timeout,
                concurrency, null, tier, null, current.isEmpty() ? "OpenWhisk action " + ns + "/" + name : null);
        Deployer.Deployed deployed;
        try {
            deployed = deployer.deploy(kumo, request, code.map(ActionCode::code));
        } catch (InvalidRequestException e) {
            // Kumo's bounds, named as the client sent them
            throw WhiskException.badRequest(switch (e.field()) {
                case "timeoutMs" -> "limits.timeout (ms): ";
                case "memoryMb" -> "limits.memory (MB): ";
                case "concurrency" -> "limits.concurrency: ";
                default -> "";
            } + e.getMessage());
        }
        int revision = entity.map(WhiskEntity::revision)
                .orElse(current.map(fv -> (int) fv.revision()).orElse(0)) + 1;
        var stored = store.whiskEntities().put(new WhiskEntity(key(kumo),
                exec.isObject() ? text(exec, "kind") : entity.map(WhiskEntity::kind).orElse(defaultKind(runtime)),
                exec.isObject() ? text(exec, "main") : entity.map(WhiskEntity::main).orElse(""),
                code.map(ActionCode::binary).orElse(entity.map(WhiskEntity::binary).orElse(true)),
                KeyValues.of(mapper, body, "parameters").orElse(entity.map(WhiskEntity::parameters).orElse("[]")),
                KeyValues.of(mapper, body, "annotations").orElse(entity.map(WhiskEntity::annotations).orElse("[]")),
                revision, body.has("publish") ? body.path("publish").asBoolean(false)
                        : entity.map(WhiskEntity::publish).orElse(false),
                limits.has("logs") ? limits.path("logs").asInt(DEFAULT_LOGS_KB)
                        : entity.map(WhiskEntity::logsKb).orElse(DEFAULT_LOGS_KB),
                clock.instant()));
        return WhiskApi.ok(mapper, view(ns, name, deployed.version(), Optional.of(stored)));
    }

    /** The {@code $LATEST} of an action; a 404 when absent. */
    FunctionVersion latest(String kumo) {
        return store.functions().get(kumo, FunctionVersion.LATEST).orElseThrow(WhiskException::notFound);
    }

    Map<String, Object> view(String ns, String name, FunctionVersion fv) {
        return view(ns, name, fv, store.whiskEntities().get(key(fv.function())));
    }

    /** OpenWhisk's action record (without the code). */
    Map<String, Object> view(String ns, String name, FunctionVersion fv, Optional<WhiskEntity> entity) {
        FunctionConfig config = fv.config();
        var exec = new LinkedHashMap<String, Object>();
        exec.put("kind", entity.map(WhiskEntity::kind).filter(k -> !k.isEmpty()).orElse(defaultKind(config.runtime())));
        exec.put("main", entity.map(WhiskEntity::main).filter(m -> !m.isEmpty()).orElse(config.handler()));
        exec.put("binary", entity.map(WhiskEntity::binary).orElse(true));
        var limits = new LinkedHashMap<String, Object>();
        limits.put("timeout", config.timeoutMs());
        limits.put("memory", config.memoryMb());
        limits.put("logs", entity.map(WhiskEntity::logsKb).orElse(DEFAULT_LOGS_KB));
        limits.put("concurrency", config.perInstanceConcurrency());
        var v = new LinkedHashMap<String, Object>();
        v.put("namespace", ns);
        v.put("name", name);
        v.put("version", entity.map(WhiskEntity::version).orElse("0.0." + fv.revision()));
        v.put("exec", exec);
        v.put("parameters", mapper.readTree(entity.map(WhiskEntity::parameters).orElse("[]")));
        v.put("annotations", annotations(entity, exec.get("kind")));
        v.put("limits", limits);
        v.put("publish", entity.map(WhiskEntity::publish).orElse(false));
        v.put("updated", fv.modified().toEpochMilli());
        return v;
    }

    private List<Object> annotations(Optional<WhiskEntity> entity, Object kind) {
        var list = new ArrayList<Object>();
        mapper.readTree(entity.map(WhiskEntity::annotations).orElse("[]")).forEach(list::add);
        if (list.stream().noneMatch(a -> a instanceof JsonNode n && "exec".equals(n.path("key").asString("")))) {
            list.add(Map.of("key", "exec", "value", String.valueOf(kind).split(":")[0]));
        }
        return list;
    }

    /** The action's default parameters as a JSON object. */
    Map<String, JsonNode> parameters(String kumo) {
        return store.whiskEntities().get(key(kumo)).map(e -> KeyValues.map(mapper, e.parameters())).orElse(Map.of());
    }

    static String defaultKind(String runtime) {
        return switch (runtime) {
            case Runtimes.JAVA -> "java:default";
            case Runtimes.NODEJS -> "nodejs:default";
            case Runtimes.PYTHON3 -> "python:default";
            default -> "blackbox";
        };
    }

    private static String text(JsonNode node, String field) {
        var v = node.path(field);
        if (!v.isMissingNode() && !v.isNull() && !v.isString()) {
            throw WhiskException.badRequest("exec." + field + " must be a string.");
        }
        return v.isString() ? v.asString() : null;
    }
}
