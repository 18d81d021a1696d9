package dev.kumo.cli;

import dev.kumo.client.Fixtures;
import dev.kumo.client.StubServer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ActivationCommandsTest {

    private final StubServer server = StubServer.start();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void activationsPrintsATableAndTheNextToken() {
        server.reply(200, Fixtures.page("tok", Fixtures.activation("a1"), Fixtures.successfulActivation("a2")));

        Cli cli = Cli.against(server, "activations", "--function", "hello", "--limit", "2");

        assertThat(cli.exit()).isZero();
        assertThat(server.only().path()).isEqualTo("/v1/activations");
        assertThat(server.only().query()).isEqualTo("function=hello&limit=2");
        assertThat(cli.out()).isEqualTo("""
                ID  FUNCTION  VERSION  STATUS   COLD  DURATION MS  START
                a1  hello     3        error    yes   12.5         2025-03-01T10:15:30Z
                a2  hello     $LATEST  success  no    1.0          2025-03-01T10:16:00Z
                """);
        assertThat(cli.err()).isEqualTo("more: --next-token tok\n");
    }

    @Test
    void activationsDefaultsToTwentyAndPassesTheToken() {
        server.reply(200, Fixtures.page(""));

        Cli cli = Cli.against(server, "activations", "--next-token", "tok");

        assertThat(server.only().query()).isEqualTo("limit=20&nextToken=tok");
        assertThat(cli.out()).isEqualTo("ID  FUNCTION  VERSION  STATUS  COLD  DURATION MS  START\n");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void aLimitOutOfRangeIsAUsageError() {
        Cli cli = Cli.against(server, "activations", "--limit", "0");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void activationTreeIndentsEachCallUnderItsCaller() {
        server.reply(200, """
                {"activationId":"p","function":"sum","version":"$LATEST","status":"success","coldStart":false,
                 "start":"2025-03-01T10:15:30Z","durationMs":4.5,"children":[
                  {"activationId":"c1","function":"square","version":"$LATEST","status":"success","coldStart":true,
                   "start":"2025-03-01T10:15:30Z","durationMs":1,"parentId":"p","children":[
                    {"activationId":"g1","function":"square","version":"1","status":"rejected","coldStart":false,
                     "start":"2025-03-01T10:15:30Z","durationMs":0,"parentId":"c1","errorType":"CALL_DEPTH",
                     "errorMessage":"too deep","children":[]}]},
                  {"activationId":"c2","function":"square","version":"$LATEST","status":"success","coldStart":false,
                   "start":"2025-03-01T10:15:31Z","durationMs":2,"parentId":"p","children":[]}]}
                """);

        Cli cli = Cli.against(server, "activation", "p", "--tree");

        assertThat(cli.exit()).isZero();
        assertThat(server.only().path()).isEqualTo("/v1/activations/p/tree");
        assertThat(cli.out()).isEqualTo("""
                p  sum:$LATEST  success  4.5 ms
                ├─ c1  square:$LATEST  success  1.0 ms
                │  └─ g1  square:1  rejected  0.0 ms  CALL_DEPTH: too deep
                └─ c2  square:$LATEST  success  2.0 ms
                """);
    }

    @Test
    void activationShowsTheFullRecord() {
        server.reply(200, Fixtures.activation("a1"));

        Cli cli = Cli.against(server, "activation", "a1");

        assertThat(server.only().path()).isEqualTo("/v1/activations/a1");
        assertThat(cli.out()).isEqualTo("""
                id            a1
                function      hello
                version       3
                status        error
                cold start    yes
                start         2025-03-01T10:15:30.123Z
                duration ms   12.5
                init ms       80.3
                queue ms      0.5
                memory MB     256
                input bytes   15
                output bytes  0
                error         java.lang.IllegalStateException: boom
                    at com.example.Hello.handle(Hello.java:12)
                logs:
                  starting
                  failing
                """);
    }

    @Test
    void activationShowsTheResultOfASuccess() {
        server.reply(200, Fixtures.successfulActivation("a2"));

        Cli cli = Cli.against(server, "activation", "a2");

        assertThat(cli.out()).contains("result        {\"greeting\":\"hi Ada\"}\n").endsWith("logs         (none)\n");
    }

    @Test
    void activationWithJsonEmbedsTheResult() {
        server.reply(200, Fixtures.successfulActivation("a2"));

        Cli cli = Cli.against(server, "activation", "a2", "--json");

        assertThat(cli.out()).contains("\"result\" : {", "\"greeting\" : \"hi Ada\"", "\"status\" : \"success\"");
    }

    @Test
    void anUnknownActivationExitsNotFound() {
        server.reply(404, Fixtures.error("NotFound", "activation 'zz' not found"));

        Cli cli = Cli.against(server, "activation", "zz");

        assertThat(cli.exit()).isEqualTo(3);
        assertThat(cli.err()).isEqualTo("kumo: activation 'zz' not found\n");
    }

    @Test
    void logsPrintsOneLinePerLine() {
        server.reply(200, "{\"activationId\":\"a1\",\"logs\":[\"starting\",\"done in 3 ms\"]}");

        Cli cli = Cli.against(server, "logs", "a1");

        assertThat(server.only().path()).isEqualTo("/v1/activations/a1/logs");
        assertThat(cli.out()).isEqualTo("starting\ndone in 3 ms\n");
    }

    @Test
    void logsWithJsonKeepsTheWireShape() {
        server.reply(200, "{\"activationId\":\"a1\",\"logs\":[\"x\"]}");

        Cli cli = Cli.against(server, "--json", "logs", "a1");

        assertThat(cli.out()).contains("\"activationId\" : \"a1\"", "\"logs\" : [ \"x\" ]");
    }
}
