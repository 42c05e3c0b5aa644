package dev.gitblog.feed.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** Typed configuration of feed-service ({@code blog.feed.*} in application.properties). */
@ConfigMapping(prefix = "blog.feed")
public interface FeedConfig {

    /** Entries per feed (Canopy: 10). */
    @WithDefault("10")
    int size();

    /**
     * Read {@code feed.documents} to its end at start (a plain KafkaConsumer), so that a restart
     * republishes nothing unchanged. Off in tests without a broker.
     */
    @WithDefault("true")
    boolean preload();

    /** The WebSub hub every feed names (env {@code BLOG_WEBSUB_HUB}); none by default. */
    @WithName("websub-hub")
    Optional<String> websubHub();

    /**
     * How long to wait for the broker to acknowledge a batch of feeds before giving up on the revision; also how
     * long a read-back of left-out bodies from the fragments topic may take (feed-service README, "Memory").
     */
    @WithDefault("30s")
    Duration sendTimeout();
}
