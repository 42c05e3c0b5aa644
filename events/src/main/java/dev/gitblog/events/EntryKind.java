package dev.gitblog.events;

/** How content-service classified a path of the blog repository (docs/FORMAT.md §1.2). */
public enum EntryKind {
    /** A markdown file with a valid header: becomes a page. */
    ARTICLE,
    /** A header-less file whose first non-blank line is {@code redirect: <target>}. */
    REDIRECT,
    /** Anything under {@code static/}: served raw, bytes fetched by blob hash. */
    STATIC,
    /** A file under {@code .config/}: a trimmed configuration value, never served. */
    CONFIG,
    /** An article candidate that could not be parsed; carries the reason. */
    INVALID,
    /**
     * An article whose header says {@code draft: true} or {@code published: false}; carries the article part
     * (so content-service's /api/entries shows it), and is never published: every consumer acts on ARTICLE
     * only, and a consumer older than this constant cannot decode the value, skips it, and so never completes
     * the revision that holds it (it keeps serving the previous one: a draft can stall it, never leak).
     */
    DRAFT
}
