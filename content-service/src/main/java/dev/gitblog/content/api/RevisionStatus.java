package dev.gitblog.content.api;

import dev.gitblog.events.EntryKind;

import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /api/revision}: the published revision and the health of the source.
 *
 * @param revision         current published revision (null before the first)
 * @param previousRevision the one before it
 * @param commitTime       author date of the head commit (UTC)
 * @param publishedAt      when the revision's marker was sent
 * @param entryCount       live entries
 * @param counts           live entries by kind
 * @param source           the blog source (credentials masked)
 * @param branch           the branch read
 * @param lastFetchAt      the last successful fetch
 * @param lastError        why the last fetch or publish failed (null when it succeeded)
 * @param lastErrorAt      when
 * @param ready            whether the first revision is published
 */
public record RevisionStatus(String revision, String previousRevision, Instant commitTime, Instant publishedAt,
                             int entryCount, Map<EntryKind, Integer> counts, String source, String branch,
                             Instant lastFetchAt, String lastError, Instant lastErrorAt, boolean ready) {
}
