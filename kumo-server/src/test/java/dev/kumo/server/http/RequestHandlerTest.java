package dev.kumo.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pipelined requests on one connection are answered in order even when the first is the slowest, and each
 * exactly once even when its route answers early.
 */
class RequestHandlerTest {

    @Test
    void pipelinedResponsesKeepRequestOrder() throws Exception {
        var release = new CountDownLatch(1);
        var router = new Router(new JsonCodec()).add(HttpMethod.GET, "/slow", r -> {
            release.await(10, TimeUnit.SECONDS);
            return Response.text(HttpResponseStatus.OK, "text/plain", "slow");
        }).add(HttpMethod.GET, "/fast", r -> Response.text(HttpResponseStatus.OK, "text/plain", "fast"));
        var channel = new EmbeddedChannel(new RequestHandler(router));
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/slow"));
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/fast"));
        channel.runPendingTasks();
        assertThat(channel.outboundMessages()).as("nothing answered while the first request runs").isEmpty();
        release.countDown();

        var bodies = new ArrayList<String>();
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            channel.runPendingTasks();
            FullHttpResponse response;
            while ((response = channel.readOutbound()) != null) {
                bodies.add(response.content().toString(StandardCharsets.UTF_8));
                response.release();
            }
            return bodies.size() == 2;
        });
        assertThat(bodies).containsExactly("slow", "fast");
        channel.finishAndReleaseAll();
    }

    @Test
    void anEarlyAnswerIsWrittenOnceAndLetsThePipelinedRequestInWhileTheRouteRuns() throws Exception {
        var release = new CountDownLatch(1);
        var returned = new CountDownLatch(1);
        var router = new Router(new JsonCodec()).add(HttpMethod.GET, "/early", r -> {
            r.respond(Response.text(HttpResponseStatus.GATEWAY_TIMEOUT, "text/plain", "early"));
            r.respond(Response.text(HttpResponseStatus.OK, "text/plain", "second early"));
            release.await(10, TimeUnit.SECONDS);
            returned.countDown();
            return Response.text(HttpResponseStatus.OK, "text/plain", "returned");
        }).add(HttpMethod.GET, "/fast", r -> Response.text(HttpResponseStatus.OK, "text/plain", "fast"));
        var channel = new EmbeddedChannel(new RequestHandler(router));
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/early"));
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/fast"));

        var bodies = new ArrayList<String>();
        await().atMost(10, TimeUnit.SECONDS).until(() -> read(channel, bodies) == 2);
        assertThat(bodies).as("answered while /early still runs").containsExactly("early", "fast");
        assertThat(returned.getCount()).isEqualTo(1);

        release.countDown();
        returned.await(10, TimeUnit.SECONDS);
        await().during(200, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS)
                .until(() -> read(channel, bodies) == 2);
        assertThat(bodies).as("the route's own answer is dropped").containsExactly("early", "fast");
        channel.finishAndReleaseAll();
    }

    private static int read(EmbeddedChannel channel, List<String> bodies) {
        channel.runPendingTasks();
        FullHttpResponse response;
        while ((response = channel.readOutbound()) != null) {
            bodies.add(response.content().toString(StandardCharsets.UTF_8));
            response.release();
        }
        return bodies.size();
    }

    @Test
    void bodyIsCopiedBeforeTheRequestIsReleased() {
        var router = new Router(new JsonCodec()).add(HttpMethod.POST, "/echo",
                r -> Response.text(HttpResponseStatus.OK, "text/plain", new String(r.body(), StandardCharsets.UTF_8)));
        var channel = new EmbeddedChannel(new RequestHandler(router));
        var request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/echo",
                Unpooled.copiedBuffer("payload", StandardCharsets.UTF_8));
        channel.writeInbound(request);
        assertThat(request.refCnt()).isZero();
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            channel.runPendingTasks();
            FullHttpResponse response = channel.readOutbound();
            if (response == null) {
                return false;
            }
            assertThat(response.content().toString(StandardCharsets.UTF_8)).isEqualTo("payload");
            response.release();
            return true;
        });
        channel.finishAndReleaseAll();
    }
}
