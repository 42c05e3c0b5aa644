package dev.gitblog.gateway.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * POSTs one body to one URL until it is taken (any 2xx) or the attempts run out, waiting {@link Backoff} between
 * attempts. A 408, 429 or 5xx answer and a network error are retried; any other answer is final. Blocking: run it
 * on a worker thread.
 */
public final class RetryingPost {

    /** Waits between attempts (tests record the waits instead). */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final HttpClient client;
    private final Backoff backoff;
    private final Duration timeout;
    private final Sleeper sleeper;
    private final Clock clock;

    public RetryingPost(HttpClient client, Backoff backoff, Duration timeout, Sleeper sleeper, Clock clock) {
        this.client = client;
        this.backoff = backoff;
        this.timeout = timeout;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** Called after each attempt: 1-based attempt number, status (0 = none), error or null. */
    public interface AttemptListener {
        void attempted(int attempt, int status, String error);
    }

    /**
     * Sends, retrying; returns the record of the delivery (outcome {@code delivered} or {@code failed}).
     *
     * @throws InterruptedException when the gateway stops while waiting: the delivery is not done
     */
    public DeliveryLog.Delivery send(String id, String kind, String revision, String url, String contentType,
                                     byte[] body, Map<String, String> headers, AttemptListener listener)
            throws InterruptedException {
        Instant started = clock.instant();
        int status = 0;
        String error = null;
        int attempt = 0;
        while (attempt < backoff.attempts()) {
            attempt++;
            status = 0;
            error = null;
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                headers.forEach(b::header);
                HttpResponse<Void> r = client.send(b.build(), HttpResponse.BodyHandlers.discarding());
                status = r.statusCode();
                if (status / 100 == 2) {
                    listener.attempted(attempt, status, null);
                    return new DeliveryLog.Delivery(id, kind, revision, DeliveryLog.redact(url), "delivered", attempt,
                            status, null, started, clock.instant());
                }
                error = "answered " + status;
            } catch (IOException e) {
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                listener.attempted(attempt, 0, "not a valid URL");
                return new DeliveryLog.Delivery(id, kind, revision, DeliveryLog.redact(url), "failed", attempt, 0,
                        "not a valid URL", started, clock.instant());
            }
            listener.attempted(attempt, status, error);
            if (!retryable(status) || attempt == backoff.attempts()) {
                break;
            }
            sleeper.sleep(backoff.after(attempt));
        }
        return new DeliveryLog.Delivery(id, kind, revision, DeliveryLog.redact(url), "failed", attempt, status, error,
                started, clock.instant());
    }

    static boolean retryable(int status) {
        return status == 0 || status == 408 || status == 429 || status >= 500;
    }
}
