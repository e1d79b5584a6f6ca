package io.kubemagic.engine.http;

import io.kubemagic.engine.KubeMagicException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's HTTP calls (registries, Clair) on one {@link HttpClient}: HTTP/1.1, a time limit per
 * request, retries of what may be retried (no connection, no answer in time, 5xx, 429) with a
 * growing pause, every request counted, and failures turned into messages that say which server
 * did not answer and what to check. Secrets travel only in headers and never reach a message.
 */
public final class HttpCalls {
    private final HttpClient client;
    private final Duration requestTimeout;
    private final int retries;
    private final Duration retryPause;

    public HttpCalls(Duration connectTimeout, Duration requestTimeout, int retries, Duration retryPause) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.requestTimeout = requestTimeout;
        this.retries = retries;
        this.retryPause = retryPause;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** A request builder for {@code uri} with this client's time limit. */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(requestTimeout);
    }

    /** Sends once (no retry): for calls whose repetition the caller handles (authentication challenges). */
    public HttpResponse<byte[]> once(String what, HttpRequest request, AtomicInteger counter) {
        return send(what, request, counter, 0);
    }

    /** Sends, retrying connection failures, time-outs, 5xx and 429 answers up to the configured count. */
    public HttpResponse<byte[]> withRetries(String what, HttpRequest request, AtomicInteger counter) {
        return send(what, request, counter, retries);
    }

    private HttpResponse<byte[]> send(String what, HttpRequest request, AtomicInteger counter, int maxRetries) {
        KubeMagicException last = null;
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            if (attempt > 0) {
                pause(what, attempt);
            }
            if (counter != null) {
                counter.incrementAndGet();
            }
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                boolean retriable = response.statusCode() >= 500 || response.statusCode() == 429;
                if (!retriable || attempt == maxRetries) {
                    return response;
                }
            } catch (IOException e) {
                last = failure(what, request.uri(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KubeMagicException(what + " was interrupted (aborted)", e);
            }
        }
        throw last;
    }

    private void pause(String what, int attempt) {
        try {
            Thread.sleep(retryPause.toMillis() * (1L << Math.min(attempt - 1, 4)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeMagicException(what + " was interrupted (aborted)", e);
        }
    }

    private KubeMagicException failure(String what, URI uri, IOException e) {
        String server = uri.getScheme() + "://" + uri.getAuthority();
        String attempts = retries > 0 ? " (tried " + (retries + 1) + " times)" : "";
        if (e instanceof HttpTimeoutException) {
            return new KubeMagicException(what + ": no answer within the timeout (" + seconds(requestTimeout) + ") from "
                    + server + attempts + "; is it overloaded, or is the timeout too short for it?", e);
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return new KubeMagicException(what + ": cannot connect to " + server + " (connection refused)" + attempts
                    + "; is it running, and are the address and port right?", e);
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return new KubeMagicException(what + ": cannot set up TLS with " + server + " (" + e.getMessage()
                    + "); if this server speaks plain http, mark it insecure, or trust its CA in the JVM", e);
        }
        return new KubeMagicException(what + ": the connection to " + server + " failed" + attempts + ": " + e, e);
    }

    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
