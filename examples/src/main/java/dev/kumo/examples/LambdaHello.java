package dev.kumo.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** An unchanged AWS Lambda Java handler: deploys on Kumo as is. */
public final class LambdaHello implements RequestHandler<Map<String, String>, String> {

    @Override
    public String handleRequest(Map<String, String> input, Context context) {
        context.getLogger().log("invoked as " + context.getFunctionName());
        String name = input == null ? null : input.get("name");
        return "Hello from a Lambda handler, " + (name == null ? "world" : name) + "!";
    }
}
