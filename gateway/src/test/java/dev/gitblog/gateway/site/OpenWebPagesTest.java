package dev.gitblog.gateway.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitblog.events.Entry;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.gitblog.gateway.site.Events.*;
import static dev.gitblog.gateway.site.SiteAssemblerTest.text;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The opt-in additions through the real Qute templates, on blogs built by the test: pagination
 * ({@code .config/page_size}), page metadata ({@code .config/meta}), the footer ({@code .config/footer}) and
 * the tag page's feed links ({@code .config/tag_feeds}). Without the keys the pages are Canopy's
 * (PageComposerTest, SeedGoldenTest).
 */
@QuarkusTest
class OpenWebPagesTest {

    static final Instant T = Instant.parse("2020-01-01T10:00:00Z");
    static final String HOSTILE = "</script><script>alert(\"x\")</script> & 'q'";

    static SiteSnapshot build(List<Entry> entries) {
        SiteAssembler assembler = new SiteAssembler();
        for (Entry e : entries) {
            assembler.entry(e.path(), e);
            if (e.article() != null) {
                assembler.fragment(e.path(), fragment(e.path(), "r1", e.contentHash(), "<p>" + e.path() + "</p>\n",
                        null));
            }
        }
        assembler.feed("atom", atom("r1", "<feed/>"));
        List<String> paths = entries.stream().map(Entry::path).distinct().toList();
        assembler.marker(marker("r1", null, T.plusSeconds(86400 * 30), paths, List.of(), paths.size()));
        return assembler.completeSnapshot().orElseThrow(() -> new AssertionError(assembler.status().missing()));
    }

    /** Five posts in Posts/ tagged {@code web}, newest Posts/p5, and the given configuration. */
    static List<Entry> fivePosts(Entry... config) {
        List<Entry> entries = new ArrayList<>(List.of(config("index_page", "Posts", "r1"),
                config("root", "https://blog.example", "r1")));
        entries.addAll(List.of(config));
        for (int i = 1; i <= 5; i++) {
            entries.add(article("Posts/p" + i, "r1", "h" + i, "Post " + i, "a", List.of("web"), "Abstract " + i,
                    T.plusSeconds(86400L * i), T.plusSeconds(86400L * i)));
        }
        return entries;
    }

    static List<String> hrefs(String html) {
        Matcher m = Pattern.compile("<a href=\"(/Posts/p\\d)\" class=\"list-group-item\">").matcher(html);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void pageSizeCutsListingsTagPagesAndTheIndexWithPrevAndNext() {
        SiteSnapshot s = build(fivePosts(config("page_size", "2", "r1")));
        String first = text(s.page("Posts").orElseThrow());
        assertEquals(List.of("/Posts/p5", "/Posts/p4"), hrefs(first));
        assertTrue(first.contains("<link rel=\"next\" href=\"/Posts/page/2\"/></head>"), first);
        assertFalse(first.contains("rel=\"prev\""));
        assertTrue(first.contains("<nav class=\"pager\"><a rel=\"next\" href=\"/Posts/page/2\">Older articles</a></nav>"));
        assertSame(s.page("Posts").orElseThrow(), s.page("").orElseThrow(), "the index is page 1 of its listing");

        String second = text(s.page("Posts/page/2").orElseThrow());
        assertEquals(List.of("/Posts/p3", "/Posts/p2"), hrefs(second));
        assertTrue(second.contains("<link rel=\"prev\" href=\"/Posts\"/><link rel=\"next\" href=\"/Posts/page/3\"/>"));
        String third = text(s.page("Posts/page/3").orElseThrow());
        assertEquals(List.of("/Posts/p1"), hrefs(third));
        assertTrue(third.contains("<link rel=\"prev\" href=\"/Posts/page/2\"/></head>"));
        assertTrue(s.page("Posts/page/4").isEmpty());

        assertEquals(List.of("/Posts/p1"), hrefs(text(s.page("tags/web/page/3").orElseThrow())));
        assertTrue(text(s.page("tags/web").orElseThrow()).contains("<link rel=\"next\" href=\"/tags/web/page/2\"/>"));
        assertTrue(s.exportFiles().containsKey("Posts/page/2/index.html"));
        assertTrue(new String(s.page("sitemap.xml").orElseThrow().body()).contains("https://blog.example/Posts/page/3"));
    }

    @Test
    void anEntryAtANextPagesPathWinsAndIsReported() {
        List<Entry> entries = fivePosts(config("page_size", "3", "r1"));
        entries.add(redirect("Posts/page/2", "/Posts", "r1"));
        SiteSnapshot s = build(entries);
        assertTrue(s.page("Posts/page/2").isEmpty(), "the redirect is served there");
        assertTrue(s.site().warnings().contains("/Posts/page/2 is an entry of the blog: page 2 of /Posts is not served"),
                s.site().warnings().toString());
    }

    @Test
    void aPageSizeThatIsNoNumberIsReportedAndIgnored() {
        SiteSnapshot s = build(fivePosts(config("page_size", "ten", "r1")));
        assertEquals(5, hrefs(text(s.page("Posts").orElseThrow())).size());
        assertTrue(s.site().warnings().stream().anyMatch(w -> w.startsWith(".config/page_size is not a positive")));
    }

    @Test
    void metaOnGivesCanonicalCardsAndJsonLdWithEveryValueEscaped() throws Exception {
        List<Entry> entries = fivePosts(config("meta", "on", "r1"), config("blog_name", "Blog & <co>", "r1"));
        entries.add(article("Posts/hostile", "r1", "hh", HOSTILE, HOSTILE, List.of("web"), HOSTILE,
                T, T.plusSeconds(60)));
        SiteSnapshot s = build(entries);
        String page = text(s.page("Posts/p3").orElseThrow());
        assertTrue(page.contains("<link rel=\"canonical\" href=\"https://blog.example/Posts/p3\"/>"
                + "<meta property=\"og:type\" content=\"article\"/><meta property=\"og:title\" content=\"Post 3\"/>"
                + "<meta property=\"og:description\" content=\"Abstract 3\"/>"
                + "<meta property=\"og:url\" content=\"https://blog.example/Posts/p3\"/>"
                + "<meta property=\"og:site_name\" content=\"Blog &amp; &lt;co&gt;\"/>"
                + "<meta property=\"article:published_time\" content=\"2020-01-04T10:00:00Z\"/>"
                + "<meta property=\"article:modified_time\" content=\"2020-01-04T10:00:00Z\"/>"
                + "<meta name=\"twitter:card\" content=\"summary\"/>"), page);

        String hostile = text(s.page("Posts/hostile").orElseThrow());
        String head = hostile.substring(0, hostile.indexOf("</head>"));
        assertFalse(head.contains("<script>alert"), head);
        assertTrue(head.contains("<meta property=\"og:title\" content=\"&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)"));
        Matcher ld = Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>").matcher(head);
        assertTrue(ld.find(), head);
        JsonNode json = new ObjectMapper().readTree(ld.group(1));
        assertEquals("BlogPosting", json.get("@type").asText());
        assertEquals(HOSTILE, json.get("headline").asText());
        assertEquals(HOSTILE, json.get("author").get("name").asText());
        assertEquals("https://blog.example/Posts/hostile", json.get("url").asText());
        assertEquals("1970-01-01T00:00:00Z".length(), json.get("dateModified").asText().length());

        String listing = text(s.page("Posts").orElseThrow());
        assertTrue(listing.contains("<link rel=\"canonical\" href=\"https://blog.example/Posts\"/>"
                + "<meta property=\"og:type\" content=\"website\"/>"), listing);
        assertFalse(listing.contains("application/ld+json"), "JSON-LD on articles only");
        assertTrue(text(s.page("tags").orElseThrow()).contains("href=\"https://blog.example/tags\""));
    }

    @Test
    void footerIsRenderedMarkdownAfterTheMainContentOfEveryPage() {
        SiteSnapshot s = build(fivePosts(config("footer", "Made with *care* & [git](https://git-scm.com)", "r1")));
        String tail = "</div></main><footer class=\"site-footer\"><p>Made with <em>care</em> &amp; "
                + "<a href=\"https://git-scm.com\">git</a></p>\n</footer></body></html>";
        for (String key : List.of("Posts/p1", "Posts", "tags/web", "tags")) {
            assertTrue(text(s.page(key).orElseThrow()).endsWith(tail), key);
        }
    }

    @Test
    void headingIdsOnAndTocTrue() {
        List<Entry> entries = fivePosts(config("heading_ids", "on", "r1"));
        SiteSnapshot s = buildWithBody(entries, "<h2>First part</h2>\n<p>text</p>\n<h2>First part</h2>\n");
        assertTrue(text(s.page("Posts/p1").orElseThrow()).contains("<article><h2 id=\"first-part\">First part</h2>"
                + "\n<p>text</p>\n<h2 id=\"first-part-2\">First part</h2>\n</article>"));
        SiteSnapshot plain = buildWithBody(fivePosts(), "<h2>First part</h2>\n");
        assertTrue(text(plain.page("Posts/p1").orElseThrow()).contains("<article><h2>First part</h2>\n</article>"),
                "off by default");

        List<Entry> withToc = fivePosts();
        withToc.add(new Entry(Entry.SCHEMA_VERSION, "Posts/toc", dev.gitblog.events.EntryKind.ARTICLE, "r1", "ht", T, T,
                new Entry.Article("With contents", "a", null, null, List.of(), java.util.Map.of("toc", "true"), "x",
                        "commonmark"), null, null, null, null, List.of()));
        String toc = text(buildWithBody(withToc, "<h2>One</h2>\n<h3>Two</h3>\n").page("Posts/toc").orElseThrow());
        assertTrue(toc.contains("<article><nav class=\"toc\"><ul><li class=\"toc-h2\"><a href=\"#one\">One</a></li>"
                + "<li class=\"toc-h3\"><a href=\"#two\">Two</a></li></ul></nav>\n<h2 id=\"one\">One</h2>\n"
                + "<h3 id=\"two\">Two</h3>\n</article>"), toc);
    }

    /** Like {@link #build}, every article's body being {@code body}. */
    static SiteSnapshot buildWithBody(List<Entry> entries, String body) {
        SiteAssembler assembler = new SiteAssembler();
        for (Entry e : entries) {
            assembler.entry(e.path(), e);
            if (e.article() != null) {
                assembler.fragment(e.path(), fragment(e.path(), "r1", e.contentHash(), body, null));
            }
        }
        assembler.feed("atom", atom("r1", "<feed/>"));
        List<String> paths = entries.stream().map(Entry::path).distinct().toList();
        assembler.marker(marker("r1", null, T.plusSeconds(86400 * 30), paths, List.of(), paths.size()));
        return assembler.completeSnapshot().orElseThrow(() -> new AssertionError(assembler.status().missing()));
    }

    @Test
    void tagFeedsOnLinksTheTagsThreeFeedsFromItsHead() {
        String off = text(build(fivePosts()).page("tags/web").orElseThrow());
        assertFalse(off.contains("/tags/web/rss.xml"), "off by default: the tag page stays Canopy's");
        String on = text(build(fivePosts(config("tag_feeds", "on", "r1"))).page("tags/web").orElseThrow());
        assertTrue(on.contains("<link rel=\"alternate\" href=\"/tags/web/atom\" type=\"application/atom+xml\" title=\"Canopy\"/>"
                + "<link rel=\"alternate\" href=\"/tags/web/rss.xml\" type=\"application/rss+xml\" title=\"Canopy\"/>"
                + "<link rel=\"alternate\" href=\"/tags/web/feed.json\" type=\"application/feed+json\" title=\"Canopy\"/>"
                + "</head>"), on);
    }
}
