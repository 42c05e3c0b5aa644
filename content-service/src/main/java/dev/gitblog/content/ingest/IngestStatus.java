package dev.gitblog.content.ingest;

import java.time.Instant;

/**
 * What the ingest is doing, for /api/revision and the readiness check (immutable, replaced on change).
 *
 * @param source           the blog source (credentials masked)
 * @param branch           the branch read
 * @param initialPublished true once the first revision was published (or found already published)
 * @param revision         the current published revision
 * @param lastFetchAt      last successful fetch
 * @param lastError        the error of the last run, null when it succeeded
 * @param lastErrorAt      when that error happened
 */
public record IngestStatus(String source, String branch, boolean initialPublished, String revision,
                           Instant lastFetchAt, String lastError, Instant lastErrorAt) {

    static IngestStatus initial() {
        return new IngestStatus(null, null, false, null, null, null, null);
    }

    IngestStatus withSource(String s) {
        return new IngestStatus(s, branch, initialPublished, revision, lastFetchAt, lastError, lastErrorAt);
    }

    IngestStatus fetched(String b, Instant at) {
        return new IngestStatus(source, b, initialPublished, revision, at, lastError, lastErrorAt);
    }

    IngestStatus published(String rev, Instant at) {
        return new IngestStatus(source, branch, true, rev, lastFetchAt, lastError, lastErrorAt);
    }

    IngestStatus failed(String error, Instant at) {
        return new IngestStatus(source, branch, initialPublished, revision, lastFetchAt, error, at);
    }

    IngestStatus cleared() {
        return new IngestStatus(source, branch, initialPublished, revision, lastFetchAt, null, null);
    }
}
