package dev.kumo.async.internal;

import dev.kumo.core.ActivationStatus;
import dev.kumo.core.event.CallbackDelivery;
import dev.kumo.spi.store.AsyncQueue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * POSTs the outcome of an asynchronous invocation to its {@code Kumo-Callback-Url}. A delivery is stored
 * with the outcome (so it survives a crash), tried on a virtual thread, and retried with backoff until the
 * receiver answers 2xx or {@code maxAttempts} tries failed; then it is given up and logged. The host is
 * checked against the allow-list before every try and redirects are not followed, so a callback never
 * reaches a host the configuration does not name.
 */
public final class CallbackSender implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CallbackSender.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final CallbackHosts hosts;
    private final AsyncQueue queue;
    private final Backoff backoff;
    private final int maxAttempts;
    private final ScheduledExecutorService timer;
    private final InstantSource clock;
    private final AsyncMetrics metrics;
    private final JsonMapper mapper;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT).build();
    private final ThreadFactory senders = Thread.ofVirtual().name("kumo-async-callback").factory();
    private volatile boolean closed;

    /**
     * Creates a sender.
     *
     * @param timer runs the short tasks that start a delayed retry
     */
    public CallbackSender(CallbackHosts hosts, AsyncQueue queue, Backoff backoff, int maxAttempts,
                          ScheduledExecutorService timer, InstantSource clock, AsyncMetrics metrics,
                          JsonMapper mapper) {
        this.hosts = hosts;
        this.queue = queue;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.timer = timer;
        this.clock = clock;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    /**
     * The delivery of {@code outcome} to {@code url}, due now. Its body is
     * {@code {"activationId","function","version","status","attempt","result"}} for a success, with
     * {@code "error":{"errorType","message"}} instead of {@code result} otherwise.
     */
    public CallbackDelivery delivery(Outcome outcome, String url, Instant now) {
        ObjectNode body = mapper.createObjectNode();
        body.put("activationId", outcome.invocation().id().value());
        body.put("function", outcome.invocation().function());
        body.put("version", outcome.version());
        body.put("status", (outcome.succeeded() ? ActivationStatus.SUCCESS : ActivationStatus.DEAD_LETTERED)
                .wireName());
        body.put("attempt", outcome.attempts());
        if (outcome.succeeded()) {
            body.set("result", outcome.result(mapper));
        } else {
            ObjectNode error = body.putObject("error");
            error.put("errorType", outcome.error().map(e -> e.errorType()).orElse(outcome.condition().wireName()));
            error.put("message", outcome.error().map(e -> e.message()).orElse(""));
        }
        return new CallbackDelivery(outcome.invocation().id(), url, mapper.writeValueAsBytes(body), 0, now, now);
    }

    /** Sends a stored delivery once its {@code notBefore} has come. */
    public void submit(CallbackDelivery delivery) {
        long waitNanos = Duration.between(clock.instant(), delivery.notBefore()).toNanos();
        try {
            timer.schedule(() -> start(delivery), Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Closing: the delivery stays stored and is tried again at the next start.
        }
    }

    /** Stops sending; deliveries not done stay stored. */
    @Override
    public void close() {
        closed = true;
        client.shutdownNow();
    }

    private void start(CallbackDelivery delivery) {
        if (!closed) {
            senders.newThread(() -> send(delivery)).start();
        }
    }

    private void send(CallbackDelivery delivery) {
        try {
            if (!hosts.allows(delivery.url())) {
                giveUp(delivery, "its host is no longer allowed");
            } else if (post(delivery)) {
                queue.callbackDone(delivery.activation());
                metrics.callbackDelivered();
            } else if (closed) {
                return; // the client was shut down under the try; the delivery stays stored
            } else if (delivery.attempts() + 1 >= maxAttempts) {
                giveUp(delivery, maxAttempts + " tries failed");
            } else {
                int tries = delivery.attempts() + 1;
                var next = new CallbackDelivery(delivery.activation(), delivery.url(), delivery.body(), tries,
                        clock.instant().plus(backoff.delay(tries)), delivery.created());
                queue.rescheduleCallback(next);
                metrics.callbackRetried();
                submit(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The store failed (or is closing): the delivery stays stored and is tried at the next start.
            LOG.log(System.Logger.Level.WARNING, "callback of " + delivery.activation() + " not settled", e);
        }
    }

    private boolean post(CallbackDelivery delivery) throws InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(delivery.url())).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Kumo-Activation-Id", delivery.activation().value())
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body())).build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300;
        } catch (IOException e) {
            return false;
        }
    }

    private void giveUp(CallbackDelivery delivery, String why) {
        LOG.log(System.Logger.Level.WARNING, "callback of " + delivery.activation() + " to " + delivery.url()
                + " given up: " + why);
        queue.callbackDone(delivery.activation());
        metrics.callbackAbandoned();
    }
}
