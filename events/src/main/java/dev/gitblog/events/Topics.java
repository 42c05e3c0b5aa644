package dev.gitblog.events;

/** Kafka topic names: the contract between the services (ARCHITECTURE.md, "Events"). */
public final class Topics {
    /** Entries keyed by site path; compacted; a tombstone (null value) when a path is deleted. */
    public static final String CONTENT_ENTRIES = "content.entries";
    /** One {@link RevisionMarker} per published revision, keyed by source id; compacted. */
    public static final String CONTENT_REVISIONS = "content.revisions";
    /** Rendered HTML per article path; compacted; tombstone when the article goes away. */
    public static final String RENDER_FRAGMENTS = "render.fragments";
    /** Feed documents keyed by feed path ({@code atom}, {@code tags/mirageos/atom}, ...); compacted. */
    public static final String FEED_DOCUMENTS = "feed.documents";

    /** Every topic, in pipeline order. */
    public static final java.util.List<String> ALL =
            java.util.List.of(CONTENT_ENTRIES, CONTENT_REVISIONS, RENDER_FRAGMENTS, FEED_DOCUMENTS);

    private Topics() {
    }
}
