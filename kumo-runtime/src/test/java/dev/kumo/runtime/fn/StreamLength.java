package dev.kumo.runtime.fn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** An AWS {@link RequestStreamHandler}: writes {@code {"length":N,"memory":M}} for the raw request bytes. */
public class StreamLength implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        int length = input.readAllBytes().length;
        output.write(("{\"length\":" + length + ",\"memory\":" + context.getMemoryLimitInMB() + "}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
