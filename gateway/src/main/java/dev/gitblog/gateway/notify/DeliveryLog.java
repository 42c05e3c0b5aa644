package dev.gitblog.gateway.notify;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last deliveries this gateway made (webhooks and WebSub pings), newest first, bounded. Targets are shown
 * without user info and query, which may hold tokens. Thread-safe.
 */
public final class DeliveryLog {

    /**
     * One delivery of one revision to one target.
     *
     * @param id         the delivery id (the {@code X-Blog-Delivery} header)
     * @param kind       {@code webhook} or {@code websub}
     * @param revision   the revision delivered
     * @param target     where it went (shown without credentials and query)
     * @param outcome    {@code delivered}, {@code failed} (all attempts used, or refused for good) or {@code gave-up}
     *                   (the gateway stopped while retrying)
     * @param attempts   attempts made
     * @param lastStatus the HTTP status of the last attempt, 0 when none came back
     * @param lastError  what went wrong last, or null
     * @param startedAt  the first attempt
     * @param finishedAt the last attempt's end
     */
    public record Delivery(String id, String kind, String revision, String target, String outcome, int attempts,
                           int lastStatus, String lastError, Instant startedAt, Instant finishedAt) {
    }

    private final int max;
    private final ArrayDeque<Delivery> deliveries = new ArrayDeque<>();

    public DeliveryLog(int max) {
        this.max = Math.max(1, max);
    }

    public synchronized void add(Delivery d) {
        deliveries.addFirst(d);
        while (deliveries.size() > max) {
            deliveries.removeLast();
        }
    }

    /** Newest first. */
    public synchronized List<Delivery> recent() {
        return new ArrayList<>(deliveries);
    }

    /** {@code url} without user info, query and fragment: safe to show and log. */
    public static String redact(String url) {
        try {
            URI u = URI.create(url);
            if (u.getScheme() == null || u.getHost() == null) {
                return "(not a URL)";
            }
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                    + (u.getRawPath() == null ? "" : u.getRawPath());
        } catch (IllegalArgumentException e) {
            return "(not a URL)";
        }
    }
}
