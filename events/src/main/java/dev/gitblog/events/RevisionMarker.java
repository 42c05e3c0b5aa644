package dev.gitblog.events;

import java.time.Instant;
import java.util.List;

/**
 * The value on {@link Topics#CONTENT_REVISIONS}, sent after every entry of the revision was acknowledged.
 * A consumer holding {@link #entryCount()} entries, with the changed paths at this revision and the
 * removed paths gone, has the whole revision.
 *
 * @param sourceId         the Kafka key: which blog source this is
 * @param revision         commit id of the branch head
 * @param previousRevision the revision published before, null for the first
 * @param commitTime       author date (UTC) of the head commit: feed {@code updated}, site-wide validators
 * @param changedPaths     paths whose entry was (re)published for this revision
 * @param removedPaths     paths tombstoned for this revision
 * @param entryCount       number of live entries after this revision (all kinds)
 * @param publishedAt      when content-service sent the marker (for republish latency)
 */
public record RevisionMarker(
        int schemaVersion,
        String sourceId,
        String revision,
        String previousRevision,
        Instant commitTime,
        List<String> changedPaths,
        List<String> removedPaths,
        int entryCount,
        Instant publishedAt) {

    public static final int SCHEMA_VERSION = 1;

    public RevisionMarker {
        changedPaths = changedPaths == null ? List.of() : List.copyOf(changedPaths);
        removedPaths = removedPaths == null ? List.of() : List.copyOf(removedPaths);
    }
}
