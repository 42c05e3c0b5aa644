package dev.gitblog.render.render;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.Fragment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per rendering rule of docs/FORMAT.md §4 (omd 2.0.0~alpha2 as the seed shows it). */
class FragmentRendererTest {

    private static final FragmentRenderer TRUSTED = new FragmentRenderer(RenderSettings.defaults());
    private static final FragmentRenderer SAFE = new FragmentRenderer(RenderSettings.defaults().withSafeHtml(true));

    @AfterAll
    static void close() {
        TRUSTED.close();
        SAFE.close();
    }

    private static String html(String markdown) {
        return html(TRUSTED, markdown, Flavor.COMMONMARK);
    }

    private static String html(FragmentRenderer renderer, String markdown, Flavor flavor) {
        RenderedMarkdown r = renderer.render(markdown, null, flavor);
        assertNull(r.error(), () -> "unexpected render error: " + r.error());
        return r.bodyHtml();
    }

    @Test
    void tightListItemsEndWithANewlineBeforeTheClosingTag() {
        assertEquals("<ul>\n<li>one\n</li>\n<li><em>two</em> words\n</li>\n</ul>\n", html("- one\n- *two* words\n"));
        assertEquals("<ol start=\"3\">\n<li>three\n</li>\n</ol>\n", html("3. three\n"));
    }

    @Test
    void nestedTightListKeepsTheNewlineBeforeTheInnerList() {
        assertEquals("<ul>\n<li>a\n<ul>\n<li>b\n</li>\n</ul>\n</li>\n<li>c\n</li>\n</ul>\n",
                html("- a\n  - b\n- c\n"));
    }

    @Test
    void looseListIsCommonMarkUnchanged() {
        assertEquals("<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>\n", html("- a\n\n- b\n"));
    }

    @Test
    void emptyListItemStaysEmpty() {
        assertEquals("<ul>\n<li></li>\n<li>x\n</li>\n</ul>\n", html("-\n- x\n"));
    }

    @Test
    void codeInfoWordIsKeptVerbatimWithLanguagePrefix() {
        assertEquals("<pre><code class=\"language-OCaml\">let x = 1\n</code></pre>\n",
                html("```OCaml\nlet x = 1\n```\n"));
        assertEquals("<pre><code class=\"language-{.ocaml}\">x\n</code></pre>\n", html("``` {.ocaml} extra\nx\n```\n"));
    }

    @Test
    void doubleQuotesAreEscapedInTextAndCodeButApostrophesAreNot() {
        assertEquals("<p>C.log_s c &quot;hello world&quot; it's</p>\n", html("C.log_s c \"hello world\" it's\n"));
        assertEquals("<pre><code>say &quot;hi&quot; &amp; &lt;go&gt;\n</code></pre>\n", html("    say \"hi\" & <go>\n"));
    }

    @Test
    void rawHtmlBlocksAndInlineHtmlPassThrough() {
        assertEquals("<div class=\"x\">\n<b>raw</b>\n</div>\n", html("<div class=\"x\">\n<b>raw</b>\n</div>\n"));
        // the seed's BottomUp image: inline HTML inside a link
        assertEquals("<p><a href=\"/static/img/mirage-console.svg\"><img src=\"/static/img/mirage-console.svg\" "
                        + "title=\"UNIX dependencies of hello world\" width=\"700\" /></a></p>\n",
                html("[<img src=\"/static/img/mirage-console.svg\" title=\"UNIX dependencies of hello world\" "
                        + "width=\"700\" />](/static/img/mirage-console.svg)\n"));
    }

    @Test
    void headingsHaveNoIds() {
        assertEquals("<h2>What is ARP?</h2>\n<h3>a b</h3>\n", html("## What is ARP?\n### a b\n"));
    }

    @Test
    void urlsArePercentEncodedLikeCmark() {
        assertEquals("<p><a href=\"/%C3%BC?x=1&amp;y=2\" title=\"t\">a</a></p>\n", html("[a](/ü?x=1&y=2 \"t\")\n"));
        assertEquals("<p><a href=\"/tags/package%20signing\">b</a></p>\n", html("[b](/tags/package%20signing)\n"));
    }

    @Test
    void gfmExtensionsOnlyWithTheGfmFlavor() {
        String md = "| a | b |\n| - | - |\n| 1 | 2 |\n\n~~gone~~ www.example.com\n\n- [x] done\n- [ ] todo\n";
        String plain = html(TRUSTED, md, Flavor.COMMONMARK);
        assertFalse(plain.contains("<table>"), plain);
        assertFalse(plain.contains("<del>"), plain);
        assertFalse(plain.contains("<a "), plain);
        assertFalse(plain.contains("checkbox"), plain);
        assertTrue(plain.contains("~~gone~~"), plain);

        String gfm = html(TRUSTED, md, Flavor.GFM);
        assertTrue(gfm.contains("<table>\n<thead>\n<tr>\n<th>a</th>"), gfm);
        assertTrue(gfm.contains("<del>gone</del>"), gfm);
        assertTrue(gfm.contains("<a href=\"http://www.example.com\">www.example.com</a>"), gfm);
        assertTrue(gfm.contains("<li><input type=\"checkbox\" disabled=\"\" checked=\"\"> done\n</li>"), gfm);
        assertTrue(gfm.contains("<li><input type=\"checkbox\" disabled=\"\"> todo\n</li>"), gfm);
    }

    @Test
    void safeModeEscapesRawHtmlAndDropsScriptAndDataUrls() {
        String md = "<script>alert(1)</script>\n\nhi <b>x</b> [a](javascript:alert(1)) [c](JaVa%09script:x) "
                + "![i](data:image/png;base64,AAAA) [ok](/Posts/ARP) [w](https://example.com/p) [m](mailto:a@b.c)\n";
        String safe = html(SAFE, md, Flavor.COMMONMARK);
        assertFalse(safe.contains("<script>"), safe);
        assertFalse(safe.contains("<b>"), safe);
        assertTrue(safe.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), safe);
        assertFalse(safe.toLowerCase().contains("javascript:"), safe);
        assertFalse(safe.contains("data:"), safe);
        assertTrue(safe.contains("href=\"/Posts/ARP\""), safe);
        assertTrue(safe.contains("href=\"https://example.com/p\""), safe);
        assertTrue(safe.contains("href=\"mailto:a@b.c\""), safe);

        String trusted = html(TRUSTED, md, Flavor.COMMONMARK);
        assertTrue(trusted.contains("<script>alert(1)</script>"), trusted);
        assertTrue(trusted.contains("href=\"javascript:alert(1)\""), trusted);
    }

    @Test
    void sanitizerSeesThroughDisguisedSchemes() {
        assertFalse(SafeUrlSanitizer.isSafe("javascript:alert(1)"));
        assertFalse(SafeUrlSanitizer.isSafe(" JAVA\tSCRIPT:alert(1)"));
        assertFalse(SafeUrlSanitizer.isSafe("data:text/html,<x>"));
        assertFalse(SafeUrlSanitizer.isSafe("vbscript:x"));
        assertTrue(SafeUrlSanitizer.isSafe("/Posts/ARP"));
        assertTrue(SafeUrlSanitizer.isSafe("img/x.png"));
        assertTrue(SafeUrlSanitizer.isSafe("/a:b")); // a colon after the first slash is a path, not a scheme
        assertTrue(SafeUrlSanitizer.isSafe("#top"));
        assertTrue(SafeUrlSanitizer.isSafe("https://x.y"));
    }

    @Test
    void renderKeyNamesVersionFlavorAndMode() {
        assertEquals("r" + FragmentRenderer.RENDERER_VERSION + ";commonmark;trusted", TRUSTED.renderKey(Flavor.COMMONMARK));
        assertEquals("r" + FragmentRenderer.RENDERER_VERSION + ";gfm;safe", SAFE.renderKey(Flavor.GFM));
        assertNotEquals(TRUSTED.renderKey(Flavor.GFM), SAFE.renderKey(Flavor.GFM));
    }

    @Test
    void flavorNamesAreTolerant() {
        assertEquals(Flavor.GFM, Flavor.of(" GFM\n"));
        assertEquals(Flavor.COMMONMARK, Flavor.of(null));
        assertEquals(Flavor.COMMONMARK, Flavor.of("markdown"));
    }

    @Test
    void fragmentCarriesEntryIdentityAbstractAndFacts() {
        Entry entry = article("Posts/ARP", "# Title\n\nSee [the post](/Posts/Conex), ![x](/static/a.png) "
                + "and [ext](https://a.b).\n\n## Part \"two\"\n", "If you want *it*", "gfm");
        Fragment f = TRUSTED.fragment(entry);
        assertEquals("Posts/ARP", f.path());
        assertEquals("rev1", f.revision());
        assertEquals("hash1", f.contentHash());
        assertEquals(TRUSTED.renderKey(Flavor.GFM), f.renderKey());
        assertEquals("<p>If you want <em>it</em></p>\n", f.abstractHtml());
        assertEquals(List.of(new Fragment.Heading(1, "Title"), new Fragment.Heading(2, "Part \"two\"")), f.headings());
        assertEquals(List.of("/Posts/Conex"), f.localLinks());
        assertEquals(List.of("/static/a.png"), f.localImages());
        assertEquals("See the post, x and ext.", f.excerpt());
        assertNull(f.error());
    }

    @Test
    void articleWithoutAbstractHasNoAbstractHtml() {
        assertNull(TRUSTED.fragment(article("About", "text\n", null, null)).abstractHtml());
    }

    @Test
    void onlyArticlesCanBeRendered() {
        Entry redirect = new Entry(Entry.SCHEMA_VERSION, "Posts/About", EntryKind.REDIRECT, "rev", "h", Instant.EPOCH,
                Instant.EPOCH, null, new Entry.Redirect("/About"), null, null, null, List.of());
        assertThrows(IllegalArgumentException.class, () -> TRUSTED.fragment(redirect));
    }

    static Entry article(String path, String markdown, String abstractText, String flavor) {
        return new Entry(Entry.SCHEMA_VERSION, path, EntryKind.ARTICLE, "rev1", "hash1", Instant.EPOCH, Instant.EPOCH,
                new Entry.Article("T", "a", null, abstractText, List.of("t"), Map.of(), markdown, flavor),
                null, null, null, null, List.of());
    }
}
