package dev.gitblog.events;

import java.util.List;

/**
 * The value on {@link Topics#FEED_DOCUMENTS}: one feed, ready to serve.
 *
 * @param feedPath   the Kafka key and the site path: {@code atom}, {@code rss.xml}, {@code feed.json},
 *                   {@code tags/<tag>/atom}
 * @param revision   the revision the feed was built for
 * @param mediaType  Content-Type to serve it with
 * @param body       the document
 * @param entryCount number of entries in it
 * @param warnings   problems that did not stop the build (missing .config/uuid, ...)
 */
public record FeedDocument(
        int schemaVersion,
        String feedPath,
        String revision,
        String mediaType,
        String body,
        int entryCount,
        List<String> warnings) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * The feed that closes a revision: the site-wide Atom feed. feed-service sends it <b>last</b> and always,
     * after every other feed of the revision was acknowledged, with {@code revision} set to the marker's
     * revision; the gateway therefore waits for it before it composes that revision (docs/EVENTS.md,
     * docs/PIPELINE.md). Its {@code <updated>} is the head commit date, so it changes with every revision.
     */
    public static final String LAST_FEED_PATH = "atom";

    public FeedDocument {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** This document with another body (feed-service keeps documents without theirs and adds them when sent). */
    public FeedDocument withBody(String newBody) {
        return new FeedDocument(schemaVersion, feedPath, revision, mediaType, newBody, entryCount, warnings);
    }
}
