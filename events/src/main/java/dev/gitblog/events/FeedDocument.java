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

    public FeedDocument {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
