package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.gitblog.gateway.site.Events.*;
import static dev.gitblog.gateway.site.SiteAssemblerTest.text;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The Qute templates against docs/FORMAT.md §3 (the expected strings are the spec's skeleton, filled in by
 * hand): byte-exact skeleton, escaping of every engine-generated value, optional parts, the listing
 * timestamp option, the navbar override, error fragments and the 404 page. @QuarkusTest because
 * {@code @CheckedTemplate} is built by Quarkus; the snapshot is made through the real assembler.
 */
@QuarkusTest
class PageComposerTest {

    static final Instant CREATED = Instant.parse("2016-07-12T15:40:22Z");
    static final Instant UPDATED = Instant.parse("2021-11-19T14:33:08Z");
    static final String HOSTILE = "<script>alert(\"x\")</script> & 'quoted' \u0001bell";
    static final String HOSTILE_ESCAPED =
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 'quoted' &#1;bell";

    static String head(String title, String blogName, String indexPage, String navItems) {
        return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>" + title
                + "</title><meta charset=\"UTF-8\"/><link rel=\"stylesheet\" href=\"/static/css/style.css\"/>"
                + "<link rel=\"stylesheet\" href=\"/static/css/highlight.css\"/><script src=\"/static/js/highlight.pack.js\">"
                + "</script><script>hljs.initHighlightingOnLoad();</script><link rel=\"alternate\" href=\"/atom\" title=\""
                + title + "\" type=\"application/atom+xml\"/><meta name=\"viewport\" content=\"width=device-width, "
                + "initial-scale=1, viewport-fit=cover\"/></head><body><nav class=\"navbar navbar-default navbar-fixed-top\">"
                + "<div class=\"container\"><div class=\"navbar-header\"><a class=\"navbar-brand\" href=\"/" + indexPage
                + "\">" + blogName + "</a></div><div class=\"collapse navbar-collapse collapse\"><ul class=\"nav navbar-nav "
                + "navbar-right\">" + navItems + "</ul></div></div></nav><main><div class=\"flex-container\">";
    }

    static final String TAIL = "</div></main></body></html>";

    static String nav(String... items) {
        StringBuilder out = new StringBuilder();
        for (String item : items) {
            out.append("<li><a href=\"/").append(item).append("\"><span>").append(item).append("</span></a></li>");
        }
        return out.toString();
    }

    /** A small blog; {@code extra} entries are added to it; returns the snapshot. */
    static SiteSnapshot build(List<Entry> extra, boolean withFragmentErrorFor) {
        SiteAssembler assembler = new SiteAssembler();
        List<Entry> all = new ArrayList<>(List.of(
                config("blog_name", "full stack engineer", "r1"),
                config("index_page", "Posts", "r1"),
                config("uuid", "981361ca-e71d-4997-a52c-baeee78e4156", "r1"),
                article("Posts/ARP", "r1", "hARP", "Re-engineering ARP", "hannes", List.of("mirageos", "protocol"),
                        "If you want it", CREATED, UPDATED),
                article("About", "r1", "hAbout", "About", "hannes", List.of(), null, CREATED.minusSeconds(86400), UPDATED)));
        all.addAll(extra);
        for (Entry e : all) {
            assembler.entry(e.path(), e);
            if (e.article() != null) {
                if (withFragmentErrorFor && e.path().equals("Posts/ARP")) {
                    assembler.fragment(e.path(), errorFragment(e.path(), "r1", e.contentHash(), "renderer <crashed>"));
                } else {
                    assembler.fragment(e.path(), fragment(e.path(), "r1", e.contentHash(),
                            "<h2>What is ARP?</h2>\n<p>body of " + e.path() + "</p>\n",
                            e.article().abstractText() == null ? null : "<p>" + e.article().abstractText() + "</p>\n"));
                }
            }
        }
        assembler.feed("atom", atom("r1", "<feed/>"));
        List<String> paths = all.stream().map(Entry::path).distinct().toList(); // a later entry replaces an earlier one
        assembler.marker(marker("r1", null, UPDATED, paths, List.of(), paths.size()));
        return assembler.completeSnapshot().orElseThrow(() -> new AssertionError(assembler.status().missing()));
    }

    @Test
    void articlePageIsByteExact() {
        SiteSnapshot s = build(List.of(), false);
        String expected = head("Re-engineering ARP", "full stack engineer", "Posts", nav("About", "Posts"))
                + "<div class=\"post\"><h2>Re-engineering ARP</h2><span class=\"author\">Written by hannes</span><br/>"
                + "<div class=\"tags\">Classified under: <a href=\"/tags/mirageos\" class=\"tag\">mirageos</a>"
                + "<a href=\"/tags/protocol\" class=\"tag\">protocol</a></div><span class=\"date\">Published: 2016-07-12 "
                + "(last updated: 2021-11-19)</span><article><h2>What is ARP?</h2>\n<p>body of Posts/ARP</p>\n</article></div>"
                + TAIL;
        assertEquals(expected, text(s.page("Posts/ARP").orElseThrow()));
    }

    @Test
    void articleWithoutTagsHasNoTagDiv() {
        SiteSnapshot s = build(List.of(), false);
        String about = text(s.page("About").orElseThrow());
        assertTrue(about.contains("<span class=\"author\">Written by hannes</span><br/><span class=\"date\">Published: 2016-07-11"),
                about);
        assertFalse(about.contains("class=\"tags\""));
    }

    @Test
    void listingIsByteExactWithTimestamps() {
        SiteSnapshot s = build(List.of(config("timestamp-listings", "", "r1")), false);
        String expected = head("full stack engineer", "full stack engineer", "Posts", nav("About", "Posts"))
                + "<div class=\"flex-container\"><div class=\"list-group listing\"><a href=\"/Posts/ARP\" "
                + "class=\"list-group-item\"><h2 class=\"list-group-item-heading\">Re-engineering ARP</h2><span "
                + "class=\"author\">Written by hannes</span> <time datetime=\"2016-07-12T15:40:22Z\">2016-07-12</time>"
                + "<br/><p class=\"list-group-item-text abstract\"><p>If you want it</p>\n</p></a></div></div>" + TAIL;
        assertEquals(expected, text(s.page("Posts").orElseThrow()));
        assertEquals(expected, text(s.page("").orElseThrow()), "/ shows /Posts");
    }

    @Test
    void listingWithoutTimestampsHasNoTimeElement() {
        SiteSnapshot s = build(List.of(), false);
        String listing = text(s.page("Posts").orElseThrow());
        assertTrue(listing.contains("<span class=\"author\">Written by hannes</span><br/><p class=\"list-group-item-text abstract\">"),
                listing);
        assertFalse(listing.contains("<time"));
        String tagPage = text(s.page("tags/mirageos").orElseThrow());
        assertTrue(tagPage.contains("<title>full stack engineer</title>"));
        assertTrue(tagPage.contains("<a href=\"/Posts/ARP\" class=\"list-group-item\">"));
    }

    @Test
    void noTrailingNewlineAndOnlyTheDoctypeNewlineOutsideContent() {
        SiteSnapshot s = build(List.of(), false);
        for (String key : List.of("Posts", "tags", "tags/mirageos", "About")) {
            String page = text(s.page(key).orElseThrow());
            assertFalse(page.endsWith("\n"), key);
            String withoutBodies = page.replace("<h2>What is ARP?</h2>\n<p>body of About</p>\n", "")
                    .replace("<p>If you want it</p>\n", "");
            assertEquals(1, withoutBodies.chars().filter(c -> c == '\n').count(), key + ": " + page);
        }
        assertFalse(text(s.notFound()).endsWith("\n"));
    }

    @Test
    void hostileHeaderValuesAreEscapedEverywhere() {
        Entry evil = article("Posts/Evil", "r1", "hEvil", HOSTILE, HOSTILE, List.of(HOSTILE, "a/b"), "x",
                CREATED.plusSeconds(10), UPDATED);
        SiteSnapshot s = build(List.of(evil, config("blog_name", HOSTILE, "r1")), false);
        String page = text(s.page("Posts/Evil").orElseThrow());
        assertFalse(page.contains("<script>alert"), page);
        assertFalse(page.contains("\u0001"));
        assertTrue(page.contains("<title>" + HOSTILE_ESCAPED + "</title>"));
        assertTrue(page.contains("href=\"/atom\" title=\"" + HOSTILE_ESCAPED + "\""));
        assertTrue(page.contains("<h2>" + HOSTILE_ESCAPED + "</h2>"));
        assertTrue(page.contains("<span class=\"author\">Written by " + HOSTILE_ESCAPED + "</span>"));
        assertTrue(page.contains("<a class=\"navbar-brand\" href=\"/Posts\">" + HOSTILE_ESCAPED + "</a>"));
        assertTrue(page.contains("<a href=\"/tags/" + HOSTILE_ESCAPED.replace("&#1;", "%01").replace("&lt;/", "&lt;%2F") + "\" class=\"tag\">"
                + HOSTILE_ESCAPED + "</a>"), page);
        assertTrue(page.contains("<a href=\"/tags/a%2Fb\" class=\"tag\">a/b</a>"));

        String listing = text(s.page("Posts").orElseThrow());
        assertFalse(listing.contains("<script>alert"));
        assertTrue(listing.contains("<h2 class=\"list-group-item-heading\">" + HOSTILE_ESCAPED + "</h2>"));
        String overview = text(s.page("tags").orElseThrow());
        assertFalse(overview.contains("<script>alert"));
        assertTrue(overview.contains(">" + HOSTILE_ESCAPED + "</a>"));
        assertFalse(text(s.notFound()).contains("<script>alert"));
    }

    @Test
    void missingTitleAndAuthorAreLeftOut() {
        Entry bare = article("Posts/Bare", "r1", "hBare", null, null, List.of(), null, CREATED.plusSeconds(10), UPDATED);
        SiteSnapshot s = build(List.of(bare), false);
        String page = text(s.page("Posts/Bare").orElseThrow());
        assertTrue(page.contains("<title>full stack engineer</title>"));
        assertTrue(page.contains("<div class=\"post\"><span class=\"date\">Published: 2016-07-12"), page);
        String listing = text(s.page("Posts").orElseThrow());
        assertTrue(listing.contains("<a href=\"/Posts/Bare\" class=\"list-group-item\"></a>"), listing);
    }

    @Test
    void authorUrlMakesTheAuthorALinkButNotForJavascript() {
        SiteSnapshot s = build(List.of(
                articleWithUrl("Posts/Linked", "r1", "hL", "L", "hannes", "https://hannes.robur.coop/", CREATED),
                articleWithUrl("Posts/Js", "r1", "hJ", "J", "mallory", "javascript:alert(1)", CREATED)), false);
        assertTrue(text(s.page("Posts/Linked").orElseThrow())
                .contains("<a class=\"author\" href=\"https://hannes.robur.coop/\">Written by hannes</a><br/>"));
        String js = text(s.page("Posts/Js").orElseThrow());
        assertFalse(js.contains("javascript:"));
        assertTrue(js.contains("<span class=\"author\">Written by mallory</span><br/>"));
    }

    @Test
    void headerConfigReplacesTheNavbar() {
        SiteSnapshot s = build(List.of(config("header", "Posts\nAbout \"me\"", "r1")), false);
        assertTrue(text(s.page("About").orElseThrow())
                .contains("<ul class=\"nav navbar-nav navbar-right\">" + nav("Posts", "About &quot;me&quot;") + "</ul>"));
    }

    @Test
    void errorFragmentShowsTheArticleWithANotice() {
        SiteSnapshot s = build(List.of(), true);
        String page = text(s.page("Posts/ARP").orElseThrow());
        assertTrue(page.contains("<h2>Re-engineering ARP</h2>"));
        assertTrue(page.contains("This article could not be rendered:</strong> renderer &lt;crashed&gt;</div><article>"), page);
        assertTrue(s.site().warnings().contains("Posts/ARP could not be rendered: renderer <crashed>"));
    }

    @Test
    void tagOverviewAndNotFound() {
        SiteSnapshot s = build(List.of(), false);
        assertEquals(head("full stack engineer", "full stack engineer", "Posts", nav("About", "Posts"))
                        + "<div class=\"post\"><h2>Tags</h2><div class=\"list-group listing\"><p class=\"tags\">"
                        + "<a href=\"/tags/mirageos\" class=\"list-group-item\">mirageos</a>"
                        + "<a href=\"/tags/protocol\" class=\"list-group-item\">protocol</a></p></div></div>" + TAIL,
                text(s.page("tags").orElseThrow()));
        String notFound = text(s.notFound());
        assertTrue(notFound.startsWith(head("full stack engineer", "full stack engineer", "Posts", nav("About", "Posts"))));
        assertTrue(notFound.contains("Not found"));
        assertEquals("text/html; charset=UTF-8", s.notFound().contentType());
    }

    @Test
    void tagOverviewWithoutTagsHasAnEmptyDiv() {
        SiteAssembler assembler = new SiteAssembler();
        Entry only = article("Posts/A", "r1", "hA", "A", "a", List.of(), null, CREATED, CREATED);
        assembler.entry(only.path(), only);
        assembler.fragment(only.path(), fragment(only.path(), "r1", "hA", "<p>a</p>\n", null));
        assembler.feed("atom", atom("r1", "<feed/>"));
        assembler.marker(marker("r1", null, CREATED, List.of("Posts/A"), List.of(), 1));
        SiteSnapshot s = assembler.completeSnapshot().orElseThrow();
        assertTrue(text(s.page("tags").orElseThrow())
                .contains("<div class=\"post\"><h2>Tags</h2><div class=\"list-group listing\"><div></div></div></div>"));
        assertTrue(text(s.page("Posts/A").orElseThrow()).contains("<a class=\"navbar-brand\" href=\"/Index\">Canopy</a>"));
    }
}
