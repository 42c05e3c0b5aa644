package dev.gitblog.events;

/** How content-service classified a path of the blog repository (SITE-FORMAT §1.2). */
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
    INVALID
}
