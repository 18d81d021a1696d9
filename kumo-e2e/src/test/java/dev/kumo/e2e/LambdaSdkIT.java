package dev.kumo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.Environment;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * The official AWS SDK for Java v2, unchanged but for its endpoint, drives Kumo through Lambda's API: create,
 * every invocation type, log tails, function errors, not-found errors, versions, weighted aliases, pagination,
 * updates and delete.
 */
class LambdaSdkIT {

    @Test
    void theAwsSdkWorksAgainstKumo(@TempDir Path data) throws Exception {
        byte[] jar = Node.examplesJarBytes();
        try (var node = Node.start(data);
             var lambda = LambdaClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + node.server.port()))
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")))
                     .httpClient(UrlConnectionHttpClient.create()).build()) {

            // CreateFunction with an unchanged Lambda handler (RequestHandler) from the examples jar.
            var created = lambda.createFunction(create("sdk-hello", "dev.kumo.examples.LambdaHello", jar)
                    .environment(Environment.builder().variables(Map.of("STAGE", "test")).build()).build());
            assertThat(created.state()).isEqualTo(State.ACTIVE);
            assertThat(created.runtime()).isEqualTo(Runtime.JAVA21);
            assertThat(created.timeout()).isEqualTo(30);
            assertThat(created.codeSha256()).isEqualTo(Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(jar)));
            assertThatThrownBy(() -> lambda.createFunction(create("sdk-hello", "dev.kumo.examples.LambdaHello", jar)
                    .build())).isInstanceOf(ResourceConflictException.class);
            var got = lambda.getFunction(b -> b.functionName("sdk-hello"));
            assertThat(got.configuration().environment().variables()).containsEntry("STAGE", "test");
            assertThat(got.code().location()).startsWith("http://");

            // Invoke, RequestResponse with the log tail: the request id is the activation id.
            InvokeResponse hello = lambda.invoke(b -> b.functionName("sdk-hello").logType(LogType.TAIL)
                    .payload(SdkBytes.fromUtf8String("{\"name\":\"SDK\"}")));
            assertThat(hello.statusCode()).isEqualTo(200);
            assertThat(hello.functionError()).isNull();
            assertThat(hello.payload().asUtf8String()).isEqualTo("\"Hello from a Lambda handler, SDK!\"");
            assertThat(hello.executedVersion()).isEqualTo("$LATEST");
            String log = new String(Base64.getDecoder().decode(hello.logResult()), StandardCharsets.UTF_8);
            assertThat(log).contains("invoked as sdk-hello");
            String requestId = hello.responseMetadata().requestId();
            assertThat(node.http.get("/v1/activations/" + requestId).json().get("status").asString())
                    .isEqualTo("success");

            // Event: queued durably, 202 with an empty payload; it runs soon after.
            var event = lambda.invoke(b -> b.functionName("sdk-hello").invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{\"name\":\"later\"}")));
            assertThat(event.statusCode()).isEqualTo(202);
            assertThat(event.payload().asByteArray()).isEmpty();
            String eventId = event.responseMetadata().requestId();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(node.http
                    .get("/v1/activations/" + eventId).json().get("status").asString()).isEqualTo("success"));

            // DryRun checks the function and qualifier only.
            assertThat(lambda.invoke(b -> b.functionName("sdk-hello").invocationType(InvocationType.DRY_RUN))
                    .statusCode()).isEqualTo(204);

            // A function error is a 200 the SDK does not retry: FunctionError Unhandled and Lambda's error document.
            lambda.createFunction(create("sdk-fail", "dev.kumo.examples.Fail", jar).build());
            var failed = lambda.invoke(b -> b.functionName("sdk-fail")
                    .payload(SdkBytes.fromUtf8String("{\"message\":\"broken on purpose\"}")));
            assertThat(failed.statusCode()).isEqualTo(200);
            assertThat(failed.functionError()).isEqualTo("Unhandled");
            assertThat(failed.payload().asUtf8String()).contains("\"errorMessage\":\"broken on purpose\"")
                    .contains("\"errorType\":\"java.lang.IllegalStateException\"");

            // Unknown function and unknown qualifier.
            assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("sdk-nosuch")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("sdk-hello").qualifier("99")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("sdk-hello").qualifier("nosuchalias")))
                    .isInstanceOf(ResourceNotFoundException.class);

            // Versions and a weighted alias; invoke by alias, by name:1 and by ARN.
            var v1 = lambda.publishVersion(b -> b.functionName("sdk-hello").description("first"));
            assertThat(v1.version()).isEqualTo("1");
            lambda.updateFunctionConfiguration(b -> b.functionName("sdk-hello").handler("dev.kumo.examples.Hello"));
            var v2 = lambda.updateFunctionCode(b -> b.functionName("sdk-hello").zipFile(SdkBytes.fromByteArray(jar))
                    .publish(true));
            assertThat(v2.version()).isEqualTo("2");
            assertThat(v2.handler()).isEqualTo("dev.kumo.examples.Hello");
            var alias = lambda.createAlias(b -> b.functionName("sdk-hello").name("live").functionVersion("1")
                    .routingConfig(AliasRoutingConfiguration.builder().additionalVersionWeights(Map.of("2", 0.5))
                            .build()));
            assertThat(alias.aliasArn()).endsWith(":function:sdk-hello:live");
            assertThat(lambda.getAlias(b -> b.functionName("sdk-hello").name("live")).routingConfig()
                    .additionalVersionWeights()).containsEntry("2", 0.5);
            var executed = new HashSet<String>();
            for (int i = 0; i < 60 && executed.size() < 2; i++) {
                executed.add(lambda.invoke(b -> b.functionName("sdk-hello:live")
                        .payload(SdkBytes.fromUtf8String("{\"name\":\"alias\"}"))).executedVersion());
            }
            assertThat(executed).containsExactlyInAnyOrder("1", "2");
            var byVersion = lambda.invoke(b -> b.functionName("sdk-hello:1")
                    .payload(SdkBytes.fromUtf8String("{\"name\":\"one\"}")));
            assertThat(byVersion.payload().asUtf8String()).isEqualTo("\"Hello from a Lambda handler, one!\"");
            var byArn = lambda.invoke(b -> b.functionName("arn:aws:lambda:us-east-1:000000000000:function:sdk-hello")
                    .qualifier("2").payload(SdkBytes.fromUtf8String("{\"name\":\"two\"}")));
            assertThat(byArn.payload().asUtf8String()).isEqualTo("{\"message\":\"Hello, two!\"}");
            assertThat(byArn.executedVersion()).isEqualTo("2");
            lambda.updateAlias(b -> b.functionName("sdk-hello").name("live").functionVersion("2")
                    .routingConfig(AliasRoutingConfiguration.builder().build()));
            assertThat(lambda.invoke(b -> b.functionName("sdk-hello").qualifier("live")).executedVersion())
                    .isEqualTo("2");
            var versions = new ArrayList<String>();
            lambda.listVersionsByFunctionPaginator(b -> b.functionName("sdk-hello").maxItems(1)).versions()
                    .forEach(v -> versions.add(v.version()));
            assertThat(versions).containsExactly("$LATEST", "1", "2");
            assertThat(lambda.listAliases(b -> b.functionName("sdk-hello")).aliases()).hasSize(1);

            // ListFunctions page by page with MaxItems 1.
            lambda.createFunction(create("sdk-third", "dev.kumo.examples.Echo", jar).build());
            var names = new ArrayList<String>();
            lambda.listFunctionsPaginator(b -> b.maxItems(1)).functions().stream()
                    .map(FunctionConfiguration::functionName).forEach(names::add);
            assertThat(names).contains("sdk-hello", "sdk-fail", "sdk-third", "hello").doesNotHaveDuplicates();
            assertThat(names).hasSize(node.http.get("/v1/functions?limit=1000").json().get("items").size());

            // A Java zip in Lambda's layout (dependencies under lib/) deploys and runs.
            lambda.createFunction(create("sdk-layout", "dev.kumo.examples.LambdaHello",
                    zip(Map.of("lib/examples.jar", jar, "config.properties", "a=b".getBytes()))).build());
            assertThat(lambda.invoke(b -> b.functionName("sdk-layout").payload(SdkBytes.fromUtf8String("{}")))
                    .payload().asUtf8String()).isEqualTo("\"Hello from a Lambda handler, world!\"");

            // Lambda's POJO handler style, pkg.Class::method.
            lambda.createFunction(create("sdk-pojo", "dev.kumo.examples.PojoGreeter::handleRequest", jar).build());
            assertThat(lambda.invoke(b -> b.functionName("sdk-pojo").payload(SdkBytes.fromUtf8String(
                    "{\"name\":\"Pojo\"}"))).payload().asUtf8String()).contains("\"greeting\":\"Hello, Pojo!\"")
                    .contains("\"function\":\"sdk-pojo\"");

            // Delete: the alias, a version, the function.
            lambda.deleteAlias(b -> b.functionName("sdk-hello").name("live"));
            lambda.deleteFunction(b -> b.functionName("sdk-hello").qualifier("1"));
            assertThatThrownBy(() -> lambda.getFunctionConfiguration(b -> b.functionName("sdk-hello:1")))
                    .isInstanceOf(ResourceNotFoundException.class);
            lambda.deleteFunction(b -> b.functionName("sdk-hello"));
            assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("sdk-hello")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    private static CreateFunctionRequest.Builder create(String name, String handler, byte[] code) {
        return CreateFunctionRequest.builder().functionName(name).runtime(Runtime.JAVA21).handler(handler)
                .role("arn:aws:iam::123456789012:role/ignored").timeout(30).memorySize(256)
                .code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(code)).build());
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
