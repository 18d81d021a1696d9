package dev.kumo.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;

class BodyLimitTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new BodyLimit(request -> 10));

    private static DefaultHttpRequest post(long contentLength) {
        var request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/x");
        request.headers().set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        return request;
    }

    @Test
    void passesBodiesWithinTheLimit() {
        channel.writeInbound(post(10), new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[10])));
        assertThat(channel.inboundMessages().poll()).isNotNull();
        LastHttpContent content = channel.readInbound();
        assertThat(content.content().readableBytes()).isEqualTo(10);
        content.release();
        assertThat(channel.outboundMessages()).isEmpty();
    }

    @Test
    void declaredOversizeIs413AndTheBodyIsDrainedBeforeClosing() {
        channel.writeInbound(post(11));
        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status()).isEqualTo(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
        assertThat(response.content().toString(java.nio.charset.StandardCharsets.UTF_8)).contains("PayloadTooLarge");
        response.release();
        assertThat(channel.isOpen()).as("still reading the rest of the body").isTrue();

        channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[6])));
        assertThat(channel.isOpen()).isTrue();
        channel.writeInbound(new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[5])));
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.inboundMessages()).as("nothing reaches the routes").isEmpty();
    }

    @Test
    void anotherApiRendersItsOwn413() {
        var lambda = new EmbeddedChannel(new BodyLimit(request -> 10, (request, limit) -> new Response(
                HttpResponseStatus.BAD_REQUEST, "application/x-test", java.util.Map.of("X-Api", request.uri()),
                ("limit " + limit).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        lambda.writeInbound(post(11));
        FullHttpResponse response = lambda.readOutbound();
        assertThat(response.status()).as("always 413").isEqualTo(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
        assertThat(response.headers().get("X-Api")).isEqualTo("/x");
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/x-test");
        assertThat(response.content().toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("limit 10");
        response.release();
    }

    @Test
    void chunkedBodyCrossingTheLimitIs413() {
        var request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/x");
        request.headers().set(HttpHeaderNames.TRANSFER_ENCODING, "chunked");
        channel.writeInbound(request, new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[8])));
        assertThat(channel.outboundMessages()).isEmpty();
        channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[8])));
        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status()).isEqualTo(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
        response.release();
        channel.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }
}
