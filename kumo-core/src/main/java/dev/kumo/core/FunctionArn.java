package dev.kumo.core;

/**
 * The AWS-style ARN Kumo gives a function, so that Lambda clients, runtime clients and handlers that read
 * {@code context.getInvokedFunctionArn()} all see the same value:
 * {@code arn:aws:lambda:<region>:000000000000:function:<name>[:<qualifier>]}, unqualified for {@code $LATEST}.
 */
public final class FunctionArn {

    /** The region ARNs name unless a node is configured with another. */
    public static final String DEFAULT_REGION = "us-east-1";
    /** The account every ARN names: Kumo has no accounts. */
    public static final String ACCOUNT = "000000000000";

    private FunctionArn() {
    }

    /** The ARN of {@code function} at {@code qualifier} in {@code region}. */
    public static String of(String region, String function, String qualifier) {
        String base = "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + function;
        return qualifier == null || FunctionVersion.LATEST.equals(qualifier) ? base : base + ":" + qualifier;
    }

    /** The ARN of {@code function} at {@code qualifier} in the default region. */
    public static String of(String function, String qualifier) {
        return of(DEFAULT_REGION, function, qualifier);
    }
}
