package dev.gitblog.gateway.site;

/**
 * The head of a page with {@code .config/meta = on}: a canonical link, OpenGraph and Twitter card tags on
 * every page, and a JSON-LD {@code BlogPosting} on article pages. URLs are absolute from
 * {@code .config/root}; the description is the article's abstract as written.
 */
final class PageMetadata {

    private PageMetadata() {
    }

    /** Canonical link and card tags of a listing, tag page or the tag overview. */
    static PageHead.Builder page(PageHead.Builder head, String root, String blogName, String key, String title) {
        String url = SiteUrls.of(root, key);
        head.link("canonical", url, null, null)
                .meta("property", "og:type", "website")
                .meta("property", "og:title", title)
                .meta("property", "og:url", url)
                .meta("property", "og:site_name", blogName)
                .meta("name", "twitter:card", "summary")
                .meta("name", "twitter:title", title);
        return head;
    }

    /** Canonical link, card tags and the JSON-LD BlogPosting of an article page. */
    static PageHead.Builder article(PageHead.Builder head, String root, String blogName, SiteSnapshot.ArticleView v) {
        String url = SiteUrls.of(root, v.path());
        String title = v.title() == null ? blogName : v.title();
        String description = v.abstractText() == null || v.abstractText().isBlank() ? null : v.abstractText().strip();
        head.link("canonical", url, null, null)
                .meta("property", "og:type", "article")
                .meta("property", "og:title", title)
                .meta("property", "og:description", description)
                .meta("property", "og:url", url)
                .meta("property", "og:site_name", blogName)
                .meta("property", "article:published_time", iso(v.created()))
                .meta("property", "article:modified_time", iso(v.updated()))
                .meta("name", "twitter:card", "summary")
                .meta("name", "twitter:title", title)
                .meta("name", "twitter:description", description);
        for (String tag : v.tags()) {
            head.meta("property", "article:tag", tag);
        }
        head.jsonLd = JsonLd.blogPosting(url, title, description, v.author(), v.authorUrl(), v.created(),
                v.updated(), v.tags(), blogName);
        return head;
    }

    private static String iso(java.time.Instant t) {
        return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
