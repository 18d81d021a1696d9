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

    public static String deadLetter(String id) {
        return """
                {"activationId":"%s","function":"fail","qualifier":"$LATEST","source":"api","payload":{"n":1},
                 "accepted":"2025-03-01T10:00:00Z","deadLettered":"2025-03-01T10:00:07Z",
                 "reason":"retries exhausted after 3 attempts","attempts":3,
                 "history":[{"attempt":1,"status":"error","start":"2025-03-01T10:00:00.100Z","durationMs":2.5,
                 "error":{"errorType":"java.lang.IllegalStateException","message":"boom","stackTrace":[]},
                 "logs":["about to fail"]}]}""".formatted(id);
    }

    public static String schedule(String name) {
        return """
                {"name":"%s","function":"hello","qualifier":"$LATEST","expression":"rate(5 minutes)",
                 "payload":{"name":"Ada"},"enabled":true,"created":"2025-03-01T10:00:00Z",
                 "nextFire":"2025-03-01T10:05:00Z"}""".formatted(name);
    }

    public static String trigger(String name) {
        return """
                {"name":"%s","description":"new orders","created":"2025-03-01T09:00:00Z"}""".formatted(name);
    }

    public static String rule(String name) {
        return """
                {"name":"%s","trigger":"orders","function":"hello","qualifier":"$LATEST","enabled":false,
                 "created":"2025-03-01T09:30:00Z"}""".formatted(name);
    }

    public static String route(String method, String path) {
        return """
                {"method":"%s","path":"%s","function":"hello","qualifier":"live","created":"2025-03-01T11:00:00Z"}"""
                .formatted(method, path);
    }

    public static String published() {
        return """
                {"topic":"orders","deliveries":[{"rule":"r1","function":"hello","activationId":"a1"},
                 {"rule":"r2","function":"echo","activationId":"a2"}]}""";
    }

    public static String queuedActivation(String id) {
        return """
                {"activationId":"%s","function":"fail","version":"$LATEST","status":"dead-lettered","coldStart":false,
                 "start":"2025-03-01T10:00:05Z","durationMs":1.5,"initMs":0,"queueMs":0,"memoryMb":256,
                 "inputBytes":2,"outputBytes":0,"logs":[],"attempt":2,
                 "attempts":[{"attempt":1,"status":"timeout","start":"2025-03-01T10:00:00Z","durationMs":100,
                 "logs":["slow"]}]}""".formatted(id);
    }
}
