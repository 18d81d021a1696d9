package dev.kumo.server.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The OpenAPI document lists exactly the routes the gateway serves, no more, no fewer. */
class OpenApiRoutesTest {

    private static final Path SPEC = Path.of("../docs/reference/openapi.yaml");

    @Test
    void specMatchesRoutes() throws Exception {
        var json = new JsonCodec();
        var router = new Router(json);
        // Registration only records handlers; the dependencies are not touched.
        new InvokeRoutes(null, null, json, null, 1).register(router);
        new FunctionRoutes(null, null, json, null).register(router);
        new VersionRoutes(null, json, null).register(router);
        new AliasRoutes(null, json, null).register(router);
        new ActivationRoutes(null, json).register(router);
        new DeadLetterRoutes(null, json).register(router);
        new ScheduleRoutes(null, null, json, null).register(router);
        new TriggerRoutes(null, null, json, null, 1).register(router);
        new RuleRoutes(null, null, json, null).register(router);
        new HttpRouteRoutes(null, null, null, json, null).register(router);
        new WorkflowRoutes(null, json).register(router);
        new OpsRoutes(null, () -> true).register(router);
        new NamespaceRoutes(null, json).register(router);
        var served = new TreeSet<String>();
        router.routes().forEach(r -> served.add(r.method().name() + " " + r.pattern()));

        var documented = new TreeSet<String>();
        var paths = new YAMLMapper().readTree(Files.readString(SPEC)).get("paths");
        for (var path : paths.properties()) {
            for (var op : path.getValue().properties()) {
                if (!op.getKey().equals("parameters") && !op.getKey().startsWith("x-")
                        && !op.getKey().equals("summary") && !op.getKey().equals("description")) {
                    documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        assertThat(documented).isEqualTo(served);
    }
}
