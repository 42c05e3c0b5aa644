package dev.gitblog.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Change notifications ({@code blog.notify.*}): the event stream, WebSub pings, webhooks, CORS of the API. */
@ConfigMapping(prefix = "blog.notify")
public interface NotifyConfig {

    /** Webhook receivers, comma-separated (env {@code BLOG_NOTIFY_URLS}); none by default. */
    Optional<List<String>> urls();

    /** The HMAC-SHA256 key of {@code X-Blog-Signature-256} (env {@code BLOG_NOTIFY_SECRET}); unsigned without. */
    Optional<String> secret();

    /** The WebSub hub pinged for every changed feed (env {@code BLOG_WEBSUB_HUB}); none by default. */
    @WithName("websub-hub")
    Optional<String> websubHub();

    /** Attempts per delivery, the first included. */
    @WithDefault("5")
    int attempts();

    /** The wait after the first failed attempt; doubled after each further one. */
    @WithName("initial-backoff")
    @WithDefault("PT1S")
    Duration initialBackoff();

    /** The longest wait between attempts. */
    @WithName("max-backoff")
    @WithDefault("PT1M")
    Duration maxBackoff();

    /** How long one attempt may take (connect and answer). */
    @WithDefault("PT10S")
    Duration timeout();

    /**
     * The consumer group every replica joins to decide which one delivers (env {@code BLOG_NOTIFY_GROUP}). Replicas
     * of one site share it; two sites on one broker need two.
     */
    @WithDefault("gateway-notifier")
    String group();

    /**
     * How long the deliveries of one revision (retries included) may take before the group hands the markers to
     * another replica, which may then deliver that revision again ({@code max.poll.interval.ms} of the group). A
     * replica that joins waits for the delivery in flight up to this long.
     */
    @WithName("hand-over-timeout")
    @WithDefault("PT10M")
    Duration handOverTimeout();

    /** Deliveries kept for {@code /api/notifications}. */
    @WithName("log-size")
    @WithDefault("200")
    int logSize();

    Events events();

    /** Origins allowed to read {@code /api/*} from a browser (env {@code BLOG_API_CORS_ORIGINS}); off when empty. */
    @WithName("cors-origins")
    Optional<List<String>> corsOrigins();

    /** {@code GET /api/events}. */
    interface Events {
        /** Revisions kept for {@code Last-Event-ID}. */
        @WithDefault("64")
        int history();

        /** Bytes of event JSON kept for {@code Last-Event-ID} at most. */
        @WithName("history-bytes")
        @WithDefault("4194304")
        long historyBytes();

        /** Changed (and removed) paths listed per event at most; beyond, the event says {@code truncated}. */
        @WithName("max-paths")
        @WithDefault("1000")
        int maxPaths();

        /** A comment line this often keeps idle proxies from closing a stream. */
        @WithDefault("PT15S")
        Duration heartbeat();

        /** Bytes a subscriber may have waiting unsent; a subscriber this far behind is dropped. */
        @WithName("max-pending-bytes")
        @WithDefault("262144")
        int maxPendingBytes();

        /** Open streams at most; more get 503. */
        @WithName("max-subscribers")
        @WithDefault("10000")
        int maxSubscribers();
    }
}
