package dev.gitblog.render.config;

import dev.gitblog.render.render.RenderSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code blog.render.*}: the renderer's options and limits (application.properties documents each). */
@ConfigMapping(prefix = "blog.render")
public interface RenderConfig {

    /** Escape raw HTML and drop javascript:/data: URLs; off by default (authors of a git blog are trusted). */
    @WithDefault("false")
    boolean safeHtml();

    /** Largest markdown (body + abstract, UTF-8 bytes) that is rendered at all. */
    @WithDefault("10485760")
    long maxBytes();

    /** Largest rendered body HTML (UTF-8 bytes) that is published. */
    @WithDefault("900000")
    long maxHtmlBytes();

    /** Most nested blocks the parser opens; deeper markers stay text. */
    @WithDefault("10000")
    int maxNesting();

    /** Time one render may take once started. */
    @WithDefault("30s")
    Duration timeout();

    /** Stack size of the service's threads (RenderThreads), bytes. */
    @WithDefault("268435456")
    long stackBytes();

    /** Renders at a time: the render permits of RenderThreads. */
    @WithDefault("2")
    int workers();

    /** Largest fragment event (JSON, UTF-8 bytes); a larger one is replaced by an error fragment. */
    @WithDefault("1000000")
    int maxMessageBytes();

    /**
     * Fragments sent and not yet acknowledged before the next entry waits: 1 to the emitter's buffer (256), and
     * best at most the channel's {@code max-inflight-messages} (128), which the connector lets wait for the broker.
     */
    @WithDefault("128")
    int maxInFlight();

    /** How many published fragments are kept in memory for GET /api/fragments (the newest). */
    @WithDefault("2000")
    int keepFragments();

    /** Reading render.fragments to its end on start, so a restart re-renders only what is missing or stale. */
    CatchUp catchUp();

    interface CatchUp {
        @WithDefault("true")
        boolean enabled();

        /** Kafka client timeout for one metadata or offsets request during catch-up. */
        @WithDefault("30s")
        Duration requestTimeout();
    }

    default RenderSettings settings() {
        return new RenderSettings(safeHtml(), maxBytes(), maxHtmlBytes(), maxNesting(), timeout(), stackBytes(),
                workers());
    }
}
