package dev.kumo.client;

/** Server answers as the API documents them. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String function(String name, String version) {
        return """
                {"name":"%s","version":"%s","handler":"com.example.Hello","runtime":"java","memoryMb":512,
                 "timeoutMs":3000,"concurrency":4,"maxInstances":8,"tier":"shared","env":{"GREETING":"hi"},
                 "description":"greets","codeSha256":"abc123","codeSize":2048,"modified":"2025-03-01T10:15:30Z",
                 "revision":7}""".formatted(name, version);
    }

    public static String page(String nextToken, String... items) {
        String token = nextToken.isEmpty() ? "" : ",\"nextToken\":\"" + nextToken + "\"";
        return "{\"items\":[" + String.join(",", items) + "]" + token + "}";
    }

    public static String alias(String function, String name) {
        return """
                {"function":"%s","name":"%s","version":"1","additionalVersionWeights":{"2":0.25},
                 "description":"canary","modified":"2025-03-02T08:00:00Z"}""".formatted(function, name);
    }

    public static String activation(String id) {
        return """
                {"activationId":"%s","function":"hello","version":"3","status":"error","coldStart":true,
                 "start":"2025-03-01T10:15:30.123Z","durationMs":12.5,"initMs":80.25,"queueMs":0.5,"memoryMb":256,
                 "inputBytes":15,"outputBytes":0,"error":{"errorType":"java.lang.IllegalStateException",
                 "message":"boom","stackTrace":["com.example.Hello.handle(Hello.java:12)"]},
                 "logs":["starting","failing"]}""".formatted(id);
    }

    public static String successfulActivation(String id) {
        return """
                {"activationId":"%s","function":"hello","version":"$LATEST","status":"success","coldStart":false,
                 "start":"2025-03-01T10:16:00Z","durationMs":1.0,"initMs":0,"queueMs":0.1,"memoryMb":256,
                 "inputBytes":2,"outputBytes":17,"result":{"greeting":"hi Ada"},"logs":[]}""".formatted(id);
    }

    public static String error(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
    }
}
