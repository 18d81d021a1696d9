package dev.kumo.server.compat.lambda;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kumo.core.Alias;
import dev.kumo.core.FunctionArn;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Runtimes;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The JSON shapes of Lambda's API, field names exactly as AWS spells them (upper camel case). Region and account
 * in ARNs are fixed ({@link #REGION}, {@link #ACCOUNT}): Kumo has neither.
 */
final class LambdaShapes {

    /** The region every ARN names. */
    static final String REGION = FunctionArn.DEFAULT_REGION;
    /** The account every ARN names. */
    static final String ACCOUNT = FunctionArn.ACCOUNT;
    /** The execution role every function reports: Kumo ignores roles. */
    static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/kumo";

    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private LambdaShapes() {
    }

    /** A function version as Lambda describes it. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FunctionConfiguration(String functionName, String functionArn, String runtime, String role, String handler,
                                 long codeSize, String description, int timeout, int memorySize, String lastModified,
                                 String codeSha256, String version, Environment environment, String revisionId,
                                 String state, String lastUpdateStatus, String packageType,
                                 List<String> architectures) {

        static FunctionConfiguration of(FunctionVersion v) {
            var c = v.config();
            return new FunctionConfiguration(v.function(), arn(v.function(), v.version()), LambdaShapes.runtime(c.runtime()), ROLE,
                    c.handler(), v.code().size(), c.description(), (int) ((c.timeoutMs() + 999) / 1000), c.memoryMb(),
                    LAST_MODIFIED.format(v.modified()), LambdaShapes.codeSha256(v.code().sha256()), v.version(),
                    new Environment(c.env()), Long.toString(v.revision()), "Active", "Successful", "Zip",
                    List.of("x86_64"));
        }
    }

    /** {@code Environment}. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    record Environment(Map<String, String> variables) {
    }

    /** The answer of GetFunction. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    record FunctionDetails(FunctionConfiguration configuration, CodeLocation code) {
    }

    /** {@code Code} of GetFunction: where the package can be downloaded (a Kumo URL). */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    record CodeLocation(String repositoryType, String location) {
    }

    /** An alias as Lambda describes it. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AliasConfiguration(String aliasArn, String name, String functionVersion, String description,
                              RoutingConfig routingConfig, String revisionId) {

        static AliasConfiguration of(Alias a) {
            return new AliasConfiguration(arn(a.function(), a.name()), a.name(), a.version(), a.description(),
                    a.additionalVersionWeights().isEmpty() ? null : new RoutingConfig(a.additionalVersionWeights()),
                    Long.toString(a.modified().toEpochMilli()));
        }
    }

    /** {@code RoutingConfig}: the share of traffic of one more version. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    record RoutingConfig(Map<String, Double> additionalVersionWeights) {
    }

    /** The answer of ListFunctions. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FunctionList(List<FunctionConfiguration> functions, String nextMarker) {
    }

    /** The answer of ListVersionsByFunction. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VersionList(List<FunctionConfiguration> versions, String nextMarker) {
    }

    /** The answer of ListAliases. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AliasList(List<AliasConfiguration> aliases, String nextMarker) {
    }

    /** The function's ARN, qualified unless {@code qualifier} is {@code $LATEST}. */
    static String arn(String function, String qualifier) {
        return FunctionArn.of(REGION, function, qualifier);
    }

    /**
     * The Lambda runtime id reported for a canonical Kumo runtime. Kumo stores only the canonical name, so a
     * function created as {@code java17} reports {@code java21}.
     */
    static String runtime(String canonical) {
        return switch (canonical) {
            case Runtimes.JAVA -> "java21";
            case Runtimes.PROVIDED -> "provided.al2023";
            case Runtimes.NODEJS -> "nodejs20.x";
            case Runtimes.PYTHON3 -> "python3.12";
            default -> canonical;
        };
    }

    /** Lambda's {@code CodeSha256}: the SHA-256 in base64 (Kumo keeps it in hex). */
    static String codeSha256(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }
}
