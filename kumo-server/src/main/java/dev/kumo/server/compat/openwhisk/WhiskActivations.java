package dev.kumo.server.compat.openwhisk;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.InvalidRequestException;
import dev.kumo.server.http.Response;
import dev.kumo.spi.store.ActivationStore;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/namespaces/{ns}/activations}: the namespace's activations newest first (filtered by
 * {@code name}, {@code since}, {@code upto}; {@code docs=true} adds logs and results), one activation, its
 * logs and its result. An activation still queued or running is not there yet (404), as in OpenWhisk.
 */
final class WhiskActivations {

    /** The most activations a list reads from the store looking for the namespace's. */
    private static final int SCAN_LIMIT = 20_000;

    private final ActivationStore activations;
    private final WhiskActions actions;
    private final JsonMapper mapper;

    WhiskActivations(ActivationStore activations, WhiskActions actions, JsonMapper mapper) {
        this.activations = activations;
        this.actions = actions;
        this.mapper = mapper;
    }

    Response list(WhiskCall c) {
        String ns = c.namespace();
        int limit = c.intQuery("limit", 30, 0, 200);
        int skip = c.intQuery("skip", 0, 0, Integer.MAX_VALUE);
        long since = c.longQuery("since", Long.MIN_VALUE);
        long upto = c.longQuery("upto", Long.MAX_VALUE);
        boolean docs = c.flag("docs");
        String function = c.request().query("name").map(String::strip).filter(n -> !n.isEmpty())
                .map(n -> WhiskNames.kumo(ns, n.contains("/") ? n.substring(n.lastIndexOf('/') + 1) : n))
                .orElse("");
        var out = new ArrayList<Map<String, Object>>();
        int seen = 0;
        int scanned = 0;
        String token = "";
        do {
            var page = activations.list(function, Optional.empty(), token, 500);
            for (var a : page.items()) {
                scanned++;
                long start = a.start().toEpochMilli();
                if (a.status().terminal() && WhiskNames.entity(ns, a.function()).isPresent()
                        && start >= since && start <= upto && seen++ >= skip) {
                    out.add(ActivationRecord.of(a, actions.info(a.function()), mapper, docs));
                    if (limit != 0 && out.size() >= limit) {
                        return WhiskApi.ok(mapper, out);
                    }
                }
            }
            token = page.nextToken().orElse("");
        } while (!token.isEmpty() && scanned < SCAN_LIMIT);
        return WhiskApi.ok(mapper, out);
    }

    Response get(WhiskCall c) {
        var a = find(c);
        return WhiskApi.ok(mapper, ActivationRecord.of(a, actions.info(a.function()), mapper, true));
    }

    Response logs(WhiskCall c) {
        return WhiskApi.ok(mapper, Map.of("logs", ActivationRecord.logs(find(c))));
    }

    Response result(WhiskCall c) {
        return WhiskApi.ok(mapper, ActivationRecord.response(find(c), mapper));
    }

    /** The finished activation of the path, in the caller's namespace; 404 otherwise. */
    private Activation find(WhiskCall c) {
        String ns = c.namespace();
        ActivationId id;
        try {
            id = new ActivationId(c.param("id"));
        } catch (InvalidRequestException e) {
            throw WhiskException.notFound();
        }
        return activations.get(id)
                .filter(a -> a.status().terminal() && WhiskNames.entity(ns, a.function()).isPresent())
                .orElseThrow(WhiskException::notFound);
    }

    /** The activation once recorded, for the blocking invoke. */
    Optional<Map<String, Object>> record(ActivationId id) {
        return activations.get(id).filter(a -> a.status().terminal())
                .map(a -> ActivationRecord.of(a, actions.info(a.function()), mapper, true));
    }
}
