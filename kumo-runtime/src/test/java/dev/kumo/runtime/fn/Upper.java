package dev.kumo.runtime.fn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** An AWS {@link RequestHandler} over strings that logs through the Lambda logger. */
public class Upper implements RequestHandler<String, String> {

    @Override
    public String handleRequest(String input, Context context) {
        context.getLogger().log("upper " + context.getAwsRequestId() + " " + context.getFunctionName());
        return input.toUpperCase(java.util.Locale.ROOT);
    }
}
