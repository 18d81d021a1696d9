package dev.kumo.client;

/**
 * Why a {@link KumoClient} call produced no answer: the server refused the request ({@link KumoApiException}),
 * could not be reached ({@link KumoConnectionException}), or answered something the client cannot read
 * ({@link KumoProtocolException}).
 */
public abstract sealed class KumoException extends RuntimeException
        permits KumoApiException, KumoConnectionException, KumoProtocolException {

    KumoException(String message, Throwable cause) {
        super(message, cause);
    }
}
