package dev.kumo.server.compat.lambda;

import static dev.kumo.server.compat.lambda.LambdaInvokeRoutesTest.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.server.RunningServer.Reply;
import dev.kumo.server.WithRunningServer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Lambda's function, version and alias management calls on Kumo's port, over real HTTP. */
class LambdaFunctionRoutesTest extends WithRunningServer {

    private static final String FUNCTIONS = "/2015-03-31/functions";

    private static String create(String name, String handler, String extra) {
        return "{\"FunctionName\":\"" + name + "\",\"Runtime\":\"java21\",\"Role\":\"arn:aws:iam::1:role/r\","
                + "\"Handler\":\"" + handler + "\",\"Code\":{\"ZipFile\":\"" + Base64.getEncoder()
                .encodeToString(LambdaInvokeRoutesTest.examplesJar()) + "\"}" + extra + "}";
    }

    private static Reply post(String path, String body) {
        return node.post(path, body);
    }

    @Test
    void createGetUpdateAndDeleteAFunctionInLambdasShapes() throws Exception {
        var created = post(FUNCTIONS, create("lm-hello", "dev.kumo.examples.Hello",
                ",\"Description\":\"greeter\",\"Environment\":{\"Variables\":{\"GREETING\":\"hi\"}},"
                        + "\"Architectures\":[\"x86_64\"],\"Tags\":{\"team\":\"a\"}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var c = created.json();
        assertThat(c.get("FunctionName").asString()).isEqualTo("lm-hello");
        assertThat(c.get("FunctionArn").asString()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:lm-hello");
        assertThat(c.get("Runtime").asString()).isEqualTo("java21");
        assertThat(c.get("Handler").asString()).isEqualTo("dev.kumo.examples.Hello");
        assertThat(c.get("Version").asString()).isEqualTo("$LATEST");
        assertThat(c.get("State").asString()).isEqualTo("Active");
        assertThat(c.get("LastUpdateStatus").asString()).isEqualTo("Successful");
        assertThat(c.get("PackageType").asString()).isEqualTo("Zip");
        assertThat(c.get("Timeout").asInt()).isEqualTo(3);
        assertThat(c.get("MemorySize").asInt()).isEqualTo(128);
        assertThat(c.get("Description").asString()).isEqualTo("greeter");
        assertThat(c.get("Environment").get("Variables").get("GREETING").asString()).isEqualTo("hi");
        assertThat(c.get("LastModified").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
        byte[] jar = LambdaInvokeRoutesTest.examplesJar();
        assertThat(c.get("CodeSize").asLong()).isEqualTo(jar.length);
        assertThat(c.get("CodeSha256").asString()).isEqualTo(Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(jar)));

        expectError(post(FUNCTIONS, create("lm-hello", "dev.kumo.examples.Hello", "")), 409,
                "ResourceConflictException");

        var got = node.get(FUNCTIONS + "/lm-hello");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().get("Configuration").get("CodeSha256").asString()).isEqualTo(c.get("CodeSha256")
                .asString());
        assertThat(got.json().get("Code").get("RepositoryType").asString()).isEqualTo("S3");
        String location = got.json().get("Code").get("Location").asString();
        assertThat(location).startsWith("http://");
        assertThat(node.get(location.substring(location.indexOf("/2015-03-31"))).bytes()).isEqualTo(jar);
        assertThat(node.get(FUNCTIONS + "/lm-hello/configuration").json().get("FunctionName").asString())
                .isEqualTo("lm-hello");

        var updated = node.put(FUNCTIONS + "/lm-hello/configuration",
                "{\"Timeout\":5,\"MemorySize\":256,\"Environment\":{\"Variables\":{}},\"Role\":\"x\"}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("Timeout").asInt()).isEqualTo(5);
        assertThat(updated.json().get("MemorySize").asInt()).isEqualTo(256);
        assertThat(updated.json().get("Environment").get("Variables").size()).isZero();
        assertThat(updated.json().get("Description").asString()).isEqualTo("greeter");

        var invoked = node.post(FUNCTIONS + "/lm-hello/invocations", "{\"name\":\"Lambda\"}");
        assertThat(invoked.json().get("message").asString()).isEqualTo("Hello, Lambda!");

        assertThat(node.delete(FUNCTIONS + "/lm-hello").status()).isEqualTo(204);
        expectError(node.get(FUNCTIONS + "/lm-hello"), 404, "ResourceNotFoundException");
        expectError(node.delete(FUNCTIONS + "/lm-hello"), 404, "ResourceNotFoundException");
    }

    @Test
    void createAndUpdateCodeWithPublishAnswerTheNewVersion() {
        var created = post(FUNCTIONS, create("lm-pub", "dev.kumo.examples.Hello", ",\"Publish\":true"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("Version").asString()).isEqualTo("1");
        assertThat(created.json().get("FunctionArn").asString()).endsWith(":function:lm-pub:1");
        node.put(FUNCTIONS + "/lm-pub/configuration", "{\"Timeout\":10}");
        var updated = node.put(FUNCTIONS + "/lm-pub/code", "{\"ZipFile\":\"" + Base64.getEncoder().encodeToString(
                LambdaInvokeRoutesTest.examplesJar()) + "\",\"Publish\":true}");
        assertThat(updated.json().get("Version").asString()).isEqualTo("2");
        expectError(node.put(FUNCTIONS + "/nosuch/code", "{\"ZipFile\":\"AAAA\"}"), 404,
                "ResourceNotFoundException");
    }

    @Test
    void badCreateRequestsAreClear400s() {
        expectError(post(FUNCTIONS, "{\"FunctionName\":\"x\",\"Runtime\":\"java21\",\"Handler\":\"a.B\","
                + "\"Code\":{\"S3Bucket\":\"b\",\"S3Key\":\"k\"}}"), 400, "InvalidParameterValueException");
        expectError(post(FUNCTIONS, "{\"FunctionName\":\"x\",\"Handler\":\"a.B\",\"Code\":{\"ZipFile\":\"AAAA\"}}"),
                400, "InvalidParameterValueException");
        expectError(post(FUNCTIONS, create("lm-ruby", "dev.kumo.examples.Hello", "").replace("java21", "ruby3.3")),
                400, "InvalidParameterValueException");
        expectError(post(FUNCTIONS, create("lm-missing", "dev.kumo.examples.Nope", "")), 400,
                "InvalidParameterValueException");
        expectError(post(FUNCTIONS, create("lm-timeout", "dev.kumo.examples.Hello", ",\"Timeout\":901")), 400,
                "InvalidParameterValueException");
        expectError(post(FUNCTIONS, create("lm-typed", "dev.kumo.examples.Hello", ",\"Timeout\":\"3\"")), 400,
                "InvalidParameterValueException");
        expectError(post(FUNCTIONS, create("lm-image", "dev.kumo.examples.Hello", ",\"PackageType\":\"Image\"")),
                400, "InvalidParameterValueException");
        expectError(post(FUNCTIONS, create("lm:1", "dev.kumo.examples.Hello", "")), 400,
                "InvalidParameterValueException");
        expectError(post(FUNCTIONS, "[1]"), 400, "InvalidRequestContentException");
        expectError(post(FUNCTIONS, "{\"FunctionName\":\"x\",\"Runtime\":\"java21\",\"Handler\":\"a.B\","
                + "\"Code\":{\"ZipFile\":\"not base64!\"}}"), 400, "InvalidParameterValueException");
        expectError(node.put(FUNCTIONS + "/nosuch/configuration", "{\"Timeout\":5}"), 404,
                "ResourceNotFoundException");
    }

    @Test
    void packageUploadsMayExceedTheInvokeLimitButOtherCallsMayNot() {
        // 8 MB of base64 is over the 6 MB invoke limit: CreateFunction reads it (and finds no zip in it) ...
        String big = "{\"FunctionName\":\"lm-big\",\"Runtime\":\"java21\",\"Handler\":\"a.B\",\"Code\":{\"ZipFile\":\""
                + "A".repeat(8 * 1024 * 1024) + "\"}}";
        var reply = post(FUNCTIONS, big);
        expectError(reply, 400, "InvalidParameterValueException");
        // ... while UpdateFunctionConfiguration stops at 1 MiB.
        expectError(node.put(FUNCTIONS + "/hello/configuration", "{\"Description\":\"" + "d".repeat(2 * 1024 * 1024)
                + "\"}"), 413, "RequestTooLargeException");
    }

    @Test
    void aJavaZipInLambdasLayoutIsFlattenedIntoOneJar() throws Exception {
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put("README.txt", "root entry".getBytes());
        entries.put("lib/examples.jar", LambdaInvokeRoutesTest.examplesJar());
        String zip = Base64.getEncoder().encodeToString(LambdaZipsTest.zip(entries));
        var created = post(FUNCTIONS, "{\"FunctionName\":\"lm-layout\",\"Runtime\":\"java17\",\"Handler\":"
                + "\"dev.kumo.examples.LambdaHello\",\"Code\":{\"ZipFile\":\"" + zip + "\"},\"Timeout\":30}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var invoked = node.post(FUNCTIONS + "/lm-layout/invocations", "{\"name\":\"zip\"}");
        assertThat(invoked.status()).isEqualTo(200);
        assertThat(invoked.body()).isEqualTo("\"Hello from a Lambda handler, zip!\"");
    }

    @Test
    void listFunctionsPagesWithMaxItemsAndMarker() {
        for (String name : List.of("lm-page-a", "lm-page-b", "lm-page-c")) {
            assertThat(post(FUNCTIONS, create(name, "dev.kumo.examples.Echo", "")).status()).isEqualTo(201);
        }
        var names = new ArrayList<String>();
        String marker = null;
        int pages = 0;
        do {
            var page = node.get(FUNCTIONS + "/?MaxItems=1" + (marker == null ? "" : "&Marker=" + marker));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().get("Functions").size()).isEqualTo(1);
            page.json().get("Functions").forEach(f -> names.add(f.get("FunctionName").asString()));
            marker = page.json().has("NextMarker") ? java.net.URLEncoder.encode(page.json().get("NextMarker")
                    .asString(), java.nio.charset.StandardCharsets.UTF_8) : null;
            pages++;
        } while (marker != null && pages < 1000);
        assertThat(names).contains("lm-page-a", "lm-page-b", "lm-page-c", "hello").doesNotHaveDuplicates();
        assertThat(node.get(FUNCTIONS).json().get("Functions").size()).isEqualTo(Math.min(50, names.size()));
        expectError(node.get(FUNCTIONS + "?MaxItems=0"), 400, "InvalidParameterValueException");
    }

    @Test
    void versionsAndAliasesWithWeightedRouting() {
        assertThat(post(FUNCTIONS, create("lm-ver", "dev.kumo.examples.Hello", "")).status()).isEqualTo(201);
        var v1 = post(FUNCTIONS + "/lm-ver/versions", "{\"Description\":\"first\"}");
        assertThat(v1.status()).as(v1.body()).isEqualTo(201);
        assertThat(v1.json().get("Version").asString()).isEqualTo("1");
        assertThat(v1.json().get("FunctionArn").asString()).endsWith(":function:lm-ver:1");
        var code = node.put(FUNCTIONS + "/lm-ver/code", "{\"ZipFile\":\"" + Base64.getEncoder().encodeToString(
                LambdaInvokeRoutesTest.examplesJar()) + "\",\"Publish\":false}");
        assertThat(code.status()).as(code.body()).isEqualTo(200);
        node.put(FUNCTIONS + "/lm-ver/configuration", "{\"Handler\":\"dev.kumo.examples.Echo\"}");
        var v2 = post(FUNCTIONS + "/lm-ver/versions", "");
        assertThat(v2.json().get("Version").asString()).isEqualTo("2");
        assertThat(v2.json().get("Handler").asString()).isEqualTo("dev.kumo.examples.Echo");

        var versions = new ArrayList<String>();
        String marker = null;
        do {
            var page = node.get(FUNCTIONS + "/lm-ver/versions?MaxItems=1" + (marker == null ? "" : "&Marker=" + marker));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("Versions").forEach(v -> versions.add(v.get("Version").asString()));
            marker = page.json().has("NextMarker") ? page.json().get("NextMarker").asString() : null;
        } while (marker != null && versions.size() < 10);
        assertThat(versions).containsExactly("$LATEST", "1", "2");

        var alias = post(FUNCTIONS + "/lm-ver/aliases", "{\"Name\":\"live\",\"FunctionVersion\":\"1\","
                + "\"Description\":\"prod\",\"RoutingConfig\":{\"AdditionalVersionWeights\":{\"2\":0.25}}}");
        assertThat(alias.status()).as(alias.body()).isEqualTo(201);
        assertThat(alias.json().get("AliasArn").asString()).endsWith(":function:lm-ver:live");
        assertThat(alias.json().get("RoutingConfig").get("AdditionalVersionWeights").get("2").asDouble())
                .isEqualTo(0.25);
        assertThat(node.get("/v1/functions/lm-ver/aliases/live").json().get("additionalVersionWeights").get("2")
                .asDouble()).isEqualTo(0.25);
        expectError(post(FUNCTIONS + "/lm-ver/aliases", "{\"Name\":\"live\",\"FunctionVersion\":\"1\"}"), 409,
                "ResourceConflictException");
        expectError(post(FUNCTIONS + "/lm-ver/aliases", "{\"Name\":\"bad\",\"FunctionVersion\":\"9\"}"), 400,
                "InvalidParameterValueException");

        var seen = new java.util.HashSet<String>();
        for (int i = 0; i < 40 && seen.size() < 2; i++) {
            seen.add(node.post(FUNCTIONS + "/lm-ver%3Alive/invocations", "{\"name\":\"a\"}")
                    .header("X-Amz-Executed-Version"));
        }
        assertThat(seen).containsExactlyInAnyOrder("1", "2");
        var byVersion = node.post(FUNCTIONS + "/lm-ver%3A1/invocations", "{\"name\":\"v1\"}");
        assertThat(byVersion.json().get("message").asString()).isEqualTo("Hello, v1!");
        assertThat(byVersion.header("X-Amz-Executed-Version")).isEqualTo("1");

        var updated = node.put(FUNCTIONS + "/lm-ver/aliases/live", "{\"FunctionVersion\":\"2\",\"RoutingConfig\":{}}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("FunctionVersion").asString()).isEqualTo("2");
        assertThat(updated.json().has("RoutingConfig")).isFalse();
        assertThat(updated.json().get("Description").asString()).isEqualTo("prod");
        assertThat(node.get(FUNCTIONS + "/lm-ver/aliases/live").json().get("FunctionVersion").asString())
                .isEqualTo("2");
        assertThat(node.get(FUNCTIONS + "/lm-ver?Qualifier=live").json().get("Configuration").get("Version")
                .asString()).isEqualTo("2");
        JsonNode aliases = node.get(FUNCTIONS + "/lm-ver/aliases").json().get("Aliases");
        assertThat(aliases.size()).isEqualTo(1);
        assertThat(node.get(FUNCTIONS + "/lm-ver/aliases?FunctionVersion=1").json().get("Aliases").size()).isZero();

        expectError(node.delete(FUNCTIONS + "/lm-ver?Qualifier=2"), 409, "ResourceConflictException");
        assertThat(node.delete(FUNCTIONS + "/lm-ver/aliases/live").status()).isEqualTo(204);
        expectError(node.get(FUNCTIONS + "/lm-ver/aliases/live"), 404, "ResourceNotFoundException");
        assertThat(node.delete(FUNCTIONS + "/lm-ver?Qualifier=2").status()).isEqualTo(204);
        expectError(node.get(FUNCTIONS + "/lm-ver%3A2"), 404, "ResourceNotFoundException");
        expectError(node.delete(FUNCTIONS + "/lm-ver?Qualifier=%24LATEST"), 400, "InvalidParameterValueException");
        assertThat(node.get(FUNCTIONS + "/lm-ver").status()).isEqualTo(200);
        expectError(post(FUNCTIONS + "/lm-ver%3A1/versions", ""), 400, "InvalidParameterValueException");
        expectError(post(FUNCTIONS + "/nosuch/versions", ""), 404, "ResourceNotFoundException");
    }

    @Test
    void unknownRoutesUnderThePrefixAnswerInLambdasShape() {
        var wrongMethod = node.send("PATCH", FUNCTIONS + "/hello", new byte[0], Map.of());
        expectError(wrongMethod, 405, "InvalidParameterValueException");
        assertThat(wrongMethod.header("Allow")).contains("GET", "DELETE");
        expectError(node.get(FUNCTIONS + "/hello/policy"), 404, "ResourceNotFoundException");
        assertThat(node.get("/v1/nosuch").json().get("error").get("code").asString()).isEqualTo("NotFound");
    }

    @Test
    void aPackageOverTheUploadLimitIsRefusedBeforeItIsRead() throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", node.server().port())) {
            socket.setSoTimeout(10_000);
            String head = "POST " + FUNCTIONS + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (LambdaApi.MAX_CODE_REQUEST_BYTES + 1) + "\r\nExpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("x-amzn-ErrorType: RequestTooLargeException")
                    .containsIgnoringCase("x-amzn-RequestId: ").contains("\"Type\":\"User\"");
        }
    }
}
