package dev.gitblog.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The value on {@link Topics#CONTENT_ENTRIES}: one path of the blog at one revision.
 * Exactly one of the per-kind parts is set, matching {@link #kind()}.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when written by this code
 * @param path          the site path, also the Kafka key ({@code Posts/ARP}, {@code static/css/style.css})
 * @param kind          classification
 * @param revision      the commit id at which this value was (re)computed
 * @param contentHash   the git blob id of the file (bytes of static files are fetched by it)
 * @param created       author date (UTC) of the first commit that ever contained the path
 * @param updated       author date (UTC) of the last commit that changed the path's content
 * @param article       set for ARTICLE
 * @param redirect      set for REDIRECT
 * @param config        set for CONFIG
 * @param staticAsset   set for STATIC
 * @param invalid       set for INVALID
 * @param warnings      human-readable warnings that did not stop the entry (missing title, ...)
 */
public record Entry(
        int schemaVersion,
        String path,
        EntryKind kind,
        String revision,
        String contentHash,
        Instant created,
        Instant updated,
        Article article,
        Redirect redirect,
        Config config,
        StaticAsset staticAsset,
        Invalid invalid,
        List<String> warnings) {

    public static final int SCHEMA_VERSION = 1;

    public Entry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /**
     * This entry without its article's markdown body: what a consumer that gets the rendered body from
     * {@code render.fragments} keeps in memory (the bodies of 5,000 posts add up to tens of megabytes).
     */
    public Entry withoutMarkdown() {
        if (article == null || article.markdown() == null) {
            return this;
        }
        Article a = article;
        return new Entry(schemaVersion, path, kind, revision, contentHash, created, updated,
                new Article(a.title(), a.author(), a.authorUrl(), a.abstractText(), a.tags(), a.extra(), null,
                        a.markdownFlavor()),
                redirect, config, staticAsset, invalid, warnings);
    }

    /**
     * A parsed article: header values and the markdown body (the text after the header).
     *
     * @param title          header {@code title}, null when absent
     * @param author         header {@code author}, null when absent
     * @param authorUrl      header {@code author_url}, null when absent
     * @param abstractText   header {@code abstract} (markdown), null when absent
     * @param tags           header {@code tags}, split and trimmed, in header order
     * @param extra          every other header key, verbatim
     * @param markdown       the body
     * @param markdownFlavor {@code commonmark} or {@code gfm} (from {@code .config/markdown});
     *                       part of the value so that changing it republishes every article
     */
    public record Article(String title, String author, String authorUrl, String abstractText,
                          List<String> tags, Map<String, String> extra, String markdown, String markdownFlavor) {
        public Article {
            tags = tags == null ? List.of() : List.copyOf(tags);
            extra = extra == null ? Map.of() : Map.copyOf(extra);
        }
    }

    /** @param target a site path ({@code /About}) or an absolute http(s) URL */
    public record Redirect(String target) {
    }

    /** @param value the file content, leading and trailing whitespace trimmed */
    public record Config(String value) {
    }

    /** @param mediaType by file-name extension; @param size in bytes */
    public record StaticAsset(String mediaType, long size) {
    }

    /** @param reason what is wrong, in the author's words; @param line 1-based line, or null */
    public record Invalid(String reason, Integer line) {
    }
}
