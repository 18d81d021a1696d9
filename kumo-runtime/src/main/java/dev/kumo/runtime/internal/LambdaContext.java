package dev.kumo.runtime.internal;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;

/**
 * The AWS Lambda {@link Context} handed to {@code RequestHandler} and {@code RequestStreamHandler}
 * functions, backed by Kumo's context. Identity and client context are {@code null}, as on Lambda for
 * invocations that do not come from a mobile SDK. The logger writes into the activation's logs.
 */
final class LambdaContext implements Context, LambdaLogger {

    private final InvocationContext kumo;

    LambdaContext(InvocationContext kumo) {
        this.kumo = kumo;
    }

    @Override
    public String getAwsRequestId() {
        return kumo.activationId();
    }

    @Override
    public String getLogGroupName() {
        return "/kumo/functions/" + kumo.functionName();
    }

    @Override
    public String getLogStreamName() {
        return kumo.functionVersion();
    }

    @Override
    public String getFunctionName() {
        return kumo.functionName();
    }

    @Override
    public String getFunctionVersion() {
        return kumo.functionVersion();
    }

    @Override
    public String getInvokedFunctionArn() {
        return dev.kumo.core.FunctionArn.of(kumo.functionName(), kumo.functionVersion());
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.min(Integer.MAX_VALUE, kumo.remainingTime().toMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return kumo.memoryLimitMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return this;
    }

    @Override
    public void log(String message) {
        kumo.logs().line(stripNewline(message));
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public void log(String message, LogLevel level) {
        if (level == LogLevel.UNDEFINED) {
            log(message);
        } else {
            kumo.logs().line(level.name() + ' ' + stripNewline(message));
        }
    }

    @Override
    public void log(byte[] message, LogLevel level) {
        log(new String(message, StandardCharsets.UTF_8), level);
    }

    private static String stripNewline(String message) {
        return message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
    }
}
