package dev.kumo.server.compat.lambda;

import dev.kumo.core.FunctionConfig;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Runtimes;
import dev.kumo.server.compat.lambda.LambdaShapes.CodeLocation;
import dev.kumo.server.compat.lambda.LambdaShapes.FunctionConfiguration;
import dev.kumo.server.compat.lambda.LambdaShapes.FunctionDetails;
import dev.kumo.server.compat.lambda.LambdaShapes.FunctionList;
import dev.kumo.server.http.ApiException;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.server.routes.DeployRequest;
import dev.kumo.server.routes.Deployer;
import dev.kumo.spi.store.Store;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Lambda's function calls: CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions,
 * UpdateFunctionCode, UpdateFunctionConfiguration and DeleteFunction, onto Kumo's {@link Deployer} and store.
 * Lambda's defaults apply to a new function (timeout 3 s, 128 MB); Java packages in Lambda's layout are flattened
 * ({@link LambdaZips}).
 */
final class LambdaFunctionRoutes {

    /** Lambda's default timeout of a new function. */
    static final int DEFAULT_TIMEOUT_S = 3;
    /** Lambda's default memory of a new function. */
    static final int DEFAULT_MEMORY_MB = 128;

    private final Store store;
    private final Deployer deployer;
    private final JsonCodec json;
    private final InstantSource clock;
    private final Consumer<String> retire;
    private final long maxCodeBytes;

    LambdaFunctionRoutes(Store store, Deployer deployer, JsonCodec json, InstantSource clock, Consumer<String> retire,
                         long maxCodeBytes) {
        this.store = store;
        this.deployer = deployer;
        this.json = json;
        this.clock = clock;
        this.retire = retire;
        this.maxCodeBytes = maxCodeBytes;
    }

    Response create(Request r) {
        var body = LambdaBodies.object(json, r.body());
        var ref = FunctionRef.parse(LambdaBodies.required(body, "FunctionName"));
        if (ref.qualifier().isPresent()) {
            throw LambdaErrors.invalidParameter("FunctionName of CreateFunction must not carry a qualifier");
        }
        String packageType = LambdaBodies.text(body, "PackageType").orElse("Zip");
        if (!packageType.equals("Zip")) {
            throw LambdaErrors.invalidParameter("PackageType " + packageType + " is not supported by Kumo; use Zip");
        }
        String runtime = LambdaBodies.required(body, "Runtime");
        String handler = LambdaBodies.required(body, "Handler");
        var code = LambdaBodies.object(body, "Code").orElseThrow(() -> LambdaErrors.invalidParameter(
                "Code is required"));
        byte[] zip = prepare(LambdaBodies.zipFile(code, maxCodeBytes), Runtimes.canonical(runtime));
        var request = config(body, runtime, handler, DEFAULT_TIMEOUT_S, DEFAULT_MEMORY_MB);
        FunctionVersion created;
        synchronized (deployer) { // the deployer's own lock: nobody creates the function between check and deploy
            if (exists(ref.name())) {
                throw LambdaErrors.conflict("Function already exist: " + ref.name());
            }
            created = deployer.deploy(ref.name(), request, Optional.of(zip)).version();
        }
        if (LambdaBodies.flag(body, "Publish")) {
            created = publish(ref.name(), created.config().description());
        }
        return json(HttpResponseStatus.CREATED, FunctionConfiguration.of(created));
    }

    Response get(Request r) {
        var version = resolve(FunctionRef.of(r));
        String host = r.header(HttpHeaderNames.HOST).orElse("127.0.0.1");
        String location = "http://" + host + LambdaApi.PREFIX + "/functions/" + version.function() + "/code?Qualifier="
                + URLEncoder.encode(version.version(), StandardCharsets.UTF_8);
        return json(HttpResponseStatus.OK, new FunctionDetails(FunctionConfiguration.of(version),
                new CodeLocation("S3", location)));
    }

    Response configuration(Request r) {
        return json(HttpResponseStatus.OK, FunctionConfiguration.of(resolve(FunctionRef.of(r))));
    }

    /** The stored package of a version: where GetFunction's {@code Code.Location} points (a Kumo addition). */
    Response code(Request r) {
        var version = resolve(FunctionRef.of(r));
        var path = store.code().path(version.code()).orElseThrow(() -> LambdaErrors.notFound("the code of "
                + LambdaShapes.arn(version.function(), version.version()) + " is missing"));
        try {
            return new Response(HttpResponseStatus.OK, "application/zip", Map.of(), Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response list(Request r) {
        int max = maxItems(r);
        var page = store.functions().list(r.query("Marker").orElse(""), Math.min(max, 1000));
        return json(HttpResponseStatus.OK, new FunctionList(page.items().stream().map(FunctionConfiguration::of)
                .toList(), page.nextToken().orElse(null)));
    }

    Response updateCode(Request r) {
        String name = FunctionRef.unqualified(r, "UpdateFunctionCode");
        var body = LambdaBodies.object(json, r.body());
        var current = latest(name);
        byte[] zip = prepare(LambdaBodies.zipFile(body, maxCodeBytes), current.config().runtime());
        if (LambdaBodies.flag(body, "DryRun")) {
            return json(HttpResponseStatus.OK, FunctionConfiguration.of(current));
        }
        var updated = deployer.deploy(name, new DeployRequest(null, null, null, null, null, null, null, null, null,
                null), Optional.of(zip)).version();
        if (LambdaBodies.flag(body, "Publish")) {
            updated = publish(name, "");
        }
        return json(HttpResponseStatus.OK, FunctionConfiguration.of(updated));
    }

    Response updateConfiguration(Request r) {
        String name = FunctionRef.unqualified(r, "UpdateFunctionConfiguration");
        var body = LambdaBodies.object(json, r.body());
        latest(name);
        var request = config(body, LambdaBodies.text(body, "Runtime").orElse(null),
                LambdaBodies.text(body, "Handler").orElse(null), null, null);
        return json(HttpResponseStatus.OK, FunctionConfiguration.of(deployer.deploy(name, request, Optional.empty())
                .version()));
    }

    Response delete(Request r) {
        var ref = FunctionRef.of(r);
        String name = ref.name();
        if (ref.qualifier().isEmpty()) {
            if (!store.functions().delete(name)) {
                throw notFound(name, FunctionVersion.LATEST);
            }
            retire.accept(name);
            return Response.noContent();
        }
        String qualifier = ref.qualifier().get();
        if (!qualifier.matches("[1-9][0-9]*")) {
            throw LambdaErrors.invalidParameter("Qualifier of DeleteFunction must be a published version number; to"
                    + " delete $LATEST delete the function, to delete an alias use DeleteAlias");
        }
        latest(name);
        if (!store.versions().delete(name, qualifier)) {
            throw notFound(name, qualifier);
        }
        return Response.noContent();
    }

    /** The version {@code ref} names; an alias names its primary version. */
    FunctionVersion resolve(FunctionRef ref) {
        String name = ref.name();
        String qualifier = ref.qualifierOrLatest();
        latest(name);
        if (qualifier.equals(FunctionVersion.LATEST) || qualifier.matches("[0-9]+")) {
            return store.functions().get(name, qualifier).orElseThrow(() -> notFound(name, qualifier));
        }
        var alias = store.aliases().get(name, qualifier).orElseThrow(() -> notFound(name, qualifier));
        return store.functions().get(name, alias.version()).orElseThrow(() -> notFound(name, alias.version()));
    }

    private FunctionVersion latest(String name) {
        return store.functions().get(name, FunctionVersion.LATEST)
                .orElseThrow(() -> notFound(name, FunctionVersion.LATEST));
    }

    private boolean exists(String name) {
        return store.functions().get(name, FunctionVersion.LATEST).isPresent();
    }

    private FunctionVersion publish(String name, String description) {
        return store.versions().publish(name, description, clock.instant())
                .orElseThrow(() -> notFound(name, FunctionVersion.LATEST));
    }

    /** Lambda's answer for a missing function or version. */
    static ApiException notFound(String name, String qualifier) {
        return LambdaErrors.notFound("Function not found: " + LambdaShapes.arn(name, qualifier));
    }

    /** A Java package in Lambda's layout becomes one jar; other runtimes' zips are stored as they are. */
    private static byte[] prepare(byte[] zip, String runtime) {
        return Runtimes.JAVA.equals(runtime) ? LambdaZips.flatten(zip) : zip;
    }

    /** The Kumo deploy request of Lambda's configuration fields; the defaults apply when a field is absent. */
    private static DeployRequest config(JsonNode body, String runtime, String handler, Integer defaultTimeoutS,
                                        Integer defaultMemoryMb) {
        Integer timeoutS = LambdaBodies.integer(body, "Timeout").orElse(defaultTimeoutS);
        if (timeoutS != null && (timeoutS < 1 || timeoutS > FunctionConfig.MAX_TIMEOUT_MS / 1000)) {
            throw LambdaErrors.invalidParameter("Timeout must be between 1 and " + FunctionConfig.MAX_TIMEOUT_MS / 1000
                    + " seconds, got " + timeoutS);
        }
        Integer memory = LambdaBodies.integer(body, "MemorySize").orElse(defaultMemoryMb);
        if (memory != null && (memory < FunctionConfig.MIN_MEMORY_MB || memory > FunctionConfig.MAX_MEMORY_MB)) {
            throw LambdaErrors.invalidParameter("MemorySize must be between " + FunctionConfig.MIN_MEMORY_MB + " and "
                    + FunctionConfig.MAX_MEMORY_MB + " MB, got " + memory);
        }
        return new DeployRequest(handler, runtime, null, memory, timeoutS == null ? null : timeoutS * 1000L, null,
                null, null, LambdaBodies.environment(body).orElse(null),
                LambdaBodies.text(body, "Description").orElse(null));
    }

    /** {@code MaxItems}: 1-10000, 50 when absent. */
    static int maxItems(Request r) {
        var raw = r.query("MaxItems");
        if (raw.isEmpty()) {
            return 50;
        }
        try {
            int v = Integer.parseInt(raw.get());
            if (v >= 1 && v <= 10_000) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw LambdaErrors.invalidParameter("MaxItems must be an integer between 1 and 10000, got '" + raw.get() + "'");
    }

    private Response json(HttpResponseStatus status, Object body) {
        return Response.json(status, json.write(body));
    }
}
