package dev.gitblog.gateway.http;

import dev.gitblog.events.TagPaths;
import dev.gitblog.gateway.site.Page;
import dev.gitblog.gateway.site.SiteSnapshot;
import dev.gitblog.gateway.site.SiteSnapshot.ArticleView;
import dev.gitblog.gateway.site.SiteSnapshot.SiteInfo;
import dev.gitblog.gateway.site.SiteSnapshot.StaticRef;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small snapshot made by hand, shaped like the seed blog: the index is the {@code Posts} listing,
 * three articles, tags (one with a space, one with a slash), feeds, a redirect and static files. Page
 * bodies are simple but valid HTML in the site's skeleton, so the HTML checker can read them.
 */
public final class TestSnapshots {

    public static final String HTML = "text/html; charset=UTF-8";
    public static final String ATOM = "application/atom+xml; charset=UTF-8";
    public static final Instant COMMIT = Instant.parse("2022-11-17T10:00:00Z");
    public static final Instant ARP_UPDATED = Instant.parse("2021-11-19T12:00:00Z");
    public static final String CSS = "body { color: #333; }\n/* padding so that gzip is worth it */\n"
            + "p { margin: 0 0 1em 0; }\n".repeat(20);
    public static final String CSS_HASH = "0123456789abcdef0123456789abcdef01234567";
    public static final String PNG_HASH = "89abcdef0123456789abcdef0123456789abcdef";
    public static final String BIG_HASH = "fedcba9876543210fedcba9876543210fedcba98";
    public static final String MISSING_HASH = "1111111111111111111111111111111111111111";

    private TestSnapshots() {
    }

    public static String skeleton(String title, String content) {
        return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>" + title
                + "</title><meta charset=\"UTF-8\"/><link rel=\"alternate\" href=\"/atom\" title=\"" + title
                + "\" type=\"application/atom+xml\"/></head><body><nav><a href=\"/Posts\">blog</a></nav><main>"
                + "<div class=\"flex-container\">" + content + "</div></main></body></html>";
    }

    static Page html(String title, String content, Instant lastModified) {
        return Page.of(HTML, skeleton(title, content).getBytes(StandardCharsets.UTF_8), lastModified);
    }

    /** The snapshot of revision {@code revision}; {@code variant} changes the article text (a new push). */
    public static SiteSnapshot seedLike(String revision, String variant) {
        Map<String, Page> pages = new LinkedHashMap<>();
        Page listing = html("blog", "<div class=\"list-group listing\"><a href=\"/Posts/ARP\">ARP</a></div>", ARP_UPDATED);
        pages.put("", listing);
        pages.put("Posts", listing);
        pages.put("Posts/ARP", html("Re-engineering ARP", "<div class=\"post\"><h2>Re-engineering ARP</h2><article><p>"
                + variant + "</p></article></div>", ARP_UPDATED));
        pages.put("Posts/meeting-23mar- gem updates", html("Meeting", "<p>spaces in a key</p>", ARP_UPDATED));
        pages.put("About", html("About", "<div class=\"post\"><h2>About</h2></div>", ARP_UPDATED));
        pages.put("tags", html("blog", "<p class=\"tags\"><a href=\"/tags/mirageos\">mirageos</a></p>", COMMIT));
        pages.put(TagPaths.tagPage("mirageos"), html("blog", "<p>mirageos listing</p>", ARP_UPDATED));
        pages.put(TagPaths.tagPage("package signing"), html("blog", "<p>package signing listing</p>", ARP_UPDATED));
        pages.put(TagPaths.tagPage("a/b"), html("blog", "<p>tag with a slash</p>", ARP_UPDATED));
        pages.put(TagPaths.tagPage("../../etc"), html("blog", "<p>hostile tag</p>", ARP_UPDATED));
        pages.put("atom", Page.of(ATOM, ("<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:uuid:x</id><updated>"
                + revision + "</updated></feed>").getBytes(StandardCharsets.UTF_8), COMMIT));
        pages.put(TagPaths.tagFeed("mirageos"), Page.of(ATOM,
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>tag</id></feed>".getBytes(StandardCharsets.UTF_8), COMMIT));
        Map<String, StaticRef> statics = new LinkedHashMap<>();
        statics.put("static/css/style.css", new StaticRef("static/css/style.css", CSS_HASH, "text/css", CSS.length(),
                ARP_UPDATED));
        statics.put("static/img/x.png", new StaticRef("static/img/x.png", PNG_HASH, "image/png", 8, ARP_UPDATED));
        statics.put("static/big.bin", new StaticRef("static/big.bin", BIG_HASH, "application/octet-stream",
                FakeBlobs.BIG.length, ARP_UPDATED));
        statics.put("static/missing.css", new StaticRef("static/missing.css", MISSING_HASH, "text/css", 10, ARP_UPDATED));
        List<ArticleView> articles = List.of(
                new ArticleView("Posts/Albatross", "Albatross", "hannes", null, "deploy unikernels",
                        List.of("mirageos", "deployment"), Instant.parse("2022-11-17T10:00:00Z"),
                        Instant.parse("2022-11-17T10:00:00Z"), "/Posts/Albatross", "<p>alba</p>\n", "<p>deploy unikernels</p>\n"),
                new ArticleView("Posts/ARP", "Re-engineering ARP", "hannes", "https://hannes.robur.coop", "arp",
                        List.of("mirageos", "protocol"), Instant.parse("2016-07-12T15:40:22Z"), ARP_UPDATED,
                        "/Posts/ARP", "<h2>What is ARP?</h2>\n", "<p>arp</p>\n"),
                new ArticleView("About", "About", "hannes", null, null,
                        List.of("background", "package signing"), Instant.parse("2016-04-01T16:41:56Z"), ARP_UPDATED,
                        "/About", "<p>me</p>\n", null));
        Map<String, Integer> tags = new LinkedHashMap<>();
        tags.put("background", 1);
        tags.put("deployment", 1);
        tags.put("mirageos", 2);
        tags.put("package signing", 1);
        tags.put("protocol", 1);
        Map<String, Page> export = new LinkedHashMap<>();
        export.put("index.html", listing);
        export.put("Posts/index.html", listing);
        export.put("Posts/ARP", pages.get("Posts/ARP"));
        export.put("About", pages.get("About"));
        export.put("atom", pages.get("atom"));
        export.put("tags/mirageos", pages.get("tags/mirageos"));
        SiteInfo info = new SiteInfo("full stack engineer", "https://hannes.robur.coop", "Posts",
                "urn:uuid:981361ca-e71d-4997-a52c-baeee78e4156", List.of("About", "Posts"),
                List.of("example warning: .config/uuid is missing"));
        Page notFound = Page.of(HTML, skeleton("full stack engineer", "<div class=\"post\"><h2>Not found</h2></div>")
                .getBytes(StandardCharsets.UTF_8), COMMIT);
        return new SiteSnapshot(revision, COMMIT, info, pages, Map.of("Posts/About", "/About"), statics, notFound,
                articles, tags, export);
    }

    /** Bytes the fake content-service serves. */
    public static final class FakeBlobs {
        public static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
        public static final byte[] BIG = new byte[3 * 1024 * 1024 + 17];

        static {
            for (int i = 0; i < BIG.length; i++) {
                BIG[i] = (byte) (i * 31 + (i >> 8));
            }
        }

        private FakeBlobs() {
        }
    }
}
