package dev.gitblog.gateway.site;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the gateway serves for one revision, composed ahead of time and immutable. Requests
 * only look things up here: {@link #page} for a site path, {@link #redirect}, {@link #staticFile}.
 * Keys are site paths without the leading slash ({@code ""} = the index page, {@code Posts} = a
 * listing, {@code Posts/ARP}, {@code tags/mirageos}, {@code atom}, {@code tags/mirageos/atom}).
 *
 * @param revision    the commit id this snapshot shows
 * @param commitTime  author date of that commit
 * @param site        site-wide facts for the JSON API
 * @param pages       path -> composed page (articles, listings with and without trailing slash are
 *                    looked up under the same key, tag pages, the tag overview {@code tags}, feeds)
 * @param redirects   path -> Location target
 * @param statics     path -> static asset reference (bytes are fetched by hash from content-service)
 * @param notFound    the HTML 404 page in the site's layout
 * @param articles    every parsed article, newest first ({@code ArticleOrder})
 * @param tags        tag -> number of articles, byte order
 * @param exportFiles file name in the pages-branch layout -> page ({@code index.html}, {@code About},
 *                    {@code Posts/index.html}, {@code atom}, {@code tags/<segment>}); static files are
 *                    added by the exporter from {@link #statics}
 */
public record SiteSnapshot(
        String revision,
        Instant commitTime,
        SiteInfo site,
        Map<String, Page> pages,
        Map<String, String> redirects,
        Map<String, StaticRef> statics,
        Page notFound,
        List<ArticleView> articles,
        Map<String, Integer> tags,
        Map<String, Page> exportFiles) {

    public Optional<Page> page(String path) {
        return Optional.ofNullable(pages.get(path));
    }

    public Optional<String> redirect(String path) {
        return Optional.ofNullable(redirects.get(path));
    }

    public Optional<StaticRef> staticFile(String path) {
        return Optional.ofNullable(statics.get(path));
    }

    /**
     * Site-wide facts.
     *
     * @param blogName  {@code .config/blog_name} or {@code Canopy}
     * @param root      {@code .config/root} or {@code http://localhost}
     * @param indexPage {@code .config/index_page} or {@code Index}
     * @param feedId    the Atom feed id in use
     * @param navItems  navbar items in order
     * @param warnings  problems the author should know about (missing uuid, invalid entries, ...)
     * @param brokenLinks article path -> its local links and images that point to no page, static file or
     *                    redirect of this revision ({@code LinkReport})
     */
    public record SiteInfo(String blogName, String root, String indexPage, String feedId,
                           List<String> navItems, List<String> warnings, Map<String, List<String>> brokenLinks) {

        public SiteInfo {
            brokenLinks = brokenLinks == null ? Map.of() : Map.copyOf(brokenLinks);
        }

        /** Without broken links. */
        public SiteInfo(String blogName, String root, String indexPage, String feedId,
                        List<String> navItems, List<String> warnings) {
            this(blogName, root, indexPage, feedId, navItems, warnings, Map.of());
        }

        /** How many broken link targets the report found, over all articles. */
        public int brokenLinkCount() {
            return brokenLinks.values().stream().mapToInt(List::size).sum();
        }
    }

    /**
     * Every file name of the page store this snapshot uses (pages, their gzip variants, article bodies), so
     * that none is removed while the snapshot may still be served.
     */
    public Set<String> contentNames() {
        Set<String> names = new HashSet<>(pages.size() * 2 + articles.size() + 8);
        for (Page p : pages.values()) {
            add(names, p);
        }
        for (Page p : exportFiles.values()) {
            add(names, p);
        }
        if (notFound != null) {
            add(names, notFound);
        }
        for (ArticleView a : articles) {
            names.add(a.body().name());
        }
        return names;
    }

    private static void add(Set<String> names, Page p) {
        names.add(p.identity().name());
        Content gzip = p.gzip();
        if (gzip != null) {
            names.add(gzip.name());
        }
    }

    /**
     * One article as the JSON API shows it.
     *
     * @param body the rendered markdown (in the page store; read only by {@code /api/articles/{path}})
     */
    public record ArticleView(String path, String title, String author, String authorUrl, String abstractText,
                              List<String> tags, Instant created, Instant updated, String url,
                              Content body, String abstractHtml) {

        /** With the body held in the heap. */
        public ArticleView(String path, String title, String author, String authorUrl, String abstractText,
                           List<String> tags, Instant created, Instant updated, String url,
                           String bodyHtml, String abstractHtml) {
            this(path, title, author, authorUrl, abstractText, tags, created, updated, url,
                    ContentStore.IN_HEAP.putBytes((bodyHtml == null ? "" : bodyHtml).getBytes(StandardCharsets.UTF_8)),
                    abstractHtml);
        }

        /** The body HTML (read from the page store). */
        public String bodyHtml() {
            return new String(body.bytes(), StandardCharsets.UTF_8);
        }
    }

    /** A static file: where its bytes are (blob hash), its media type, size and last change. */
    public record StaticRef(String path, String hash, String mediaType, long size, Instant updated) {
    }
}
