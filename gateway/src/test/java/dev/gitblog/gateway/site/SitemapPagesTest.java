package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.gitblog.gateway.site.Events.*;
import static dev.gitblog.gateway.site.SiteAssemblerTest.*;
import static org.junit.jupiter.api.Assertions.*;

/** {@code /sitemap.xml} and the default {@code /robots.txt} of a blog built by the test. */
class SitemapPagesTest {

    private static SiteSnapshot assemble(List<Entry> entries) {
        SiteAssembler assembler = new SiteAssembler(new SiteAssemblerTest.TextComposer());
        for (Entry e : entries) {
            assembler.entry(e.path(), e);
            if (e.article() != null) {
                assembler.fragment(e.path(), fragment(e.path(), "r1", e.contentHash(), "<p>x</p>\n", null));
            }
        }
        assembler.feed("atom", atom("r1", "<feed/>"));
        assembler.marker(marker("r1", null, HEAD, entries.stream().map(Entry::path).toList(), List.of(),
                entries.size()));
        return assembler.completeSnapshot().orElseThrow();
    }

    private static List<Entry> blog() {
        return new ArrayList<>(List.of(
                config("root", "https://blog.example.org/", "r1"),
                config("index_page", "Posts", "r1"),
                article("About", "r1", "hAbout", "About", "a", List.of("me"), null, T0, T3),
                article("Posts/ARP", "r1", "hARP", "ARP", "a", List.of("package signing"), null, T1, T2),
                article("Posts/Q&A 50%", "r1", "hQ", "Q", "a", List.of("a/b"), null, T2, T2),
                redirect("Posts/Old", "/Posts/ARP", "r1"),
                staticFile("static/css/style.css", "hCss", "text/css", 5, "r1", T0)));
    }

    static Document parse(Page page) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(page.body()));
    }

    static List<String> texts(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", tag);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void oneUrlPerPageWithAbsoluteUrlsAndUpdatedDates() throws Exception {
        SiteSnapshot s = assemble(blog());
        Page sitemap = s.page("sitemap.xml").orElseThrow();
        assertEquals("application/xml; charset=UTF-8", sitemap.contentType());
        Document doc = parse(sitemap);
        assertEquals("urlset", doc.getDocumentElement().getLocalName());
        assertEquals(List.of("https://blog.example.org/", "https://blog.example.org/About",
                        "https://blog.example.org/Posts/ARP", "https://blog.example.org/Posts/Q&A%2050%25",
                        "https://blog.example.org/tags", "https://blog.example.org/tags/a%2Fb",
                        "https://blog.example.org/tags/me", "https://blog.example.org/tags/package%20signing"),
                texts(doc, "loc"), "the index once as the root; no redirect, static file or feed");
        NodeList urls = doc.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "url");
        assertEquals(8, urls.getLength());
        // lastmod: an article's updated date, a listing's newest member
        assertEquals(List.of(T2.toString(), T3.toString(), T2.toString(), T2.toString(), HEAD.toString(),
                T2.toString(), T3.toString(), T2.toString()), texts(doc, "lastmod"));
        // every HTML page of the snapshot is there
        long htmlPages = s.pages().entrySet().stream()
                .filter(e -> e.getValue().contentType().startsWith("text/html") && !e.getKey().equals("Posts"))
                .count();
        assertEquals(htmlPages, urls.getLength());
        assertTrue(s.exportFiles().containsKey("sitemap.xml"));
    }

    @Test
    void theDefaultRobotsTxtNamesTheSitemap() {
        SiteSnapshot s = assemble(blog());
        Page robots = s.page("robots.txt").orElseThrow();
        assertEquals("text/plain; charset=UTF-8", robots.contentType());
        assertEquals("User-agent: *\nDisallow:\n\nSitemap: https://blog.example.org/sitemap.xml\n",
                new String(robots.body(), StandardCharsets.UTF_8));
        assertSame(robots, s.exportFiles().get("robots.txt"));
    }

    @Test
    void theBlogsOwnRobotsTxtWins() {
        List<Entry> entries = blog();
        entries.add(staticFile("robots.txt", "hRobots", "text/plain", 30, "r1", T0));
        SiteSnapshot s = assemble(entries);
        assertTrue(s.page("robots.txt").isEmpty(), "no generated page hides the blog's file");
        assertEquals("hRobots", s.staticFile("robots.txt").orElseThrow().hash());
        assertFalse(s.exportFiles().containsKey("robots.txt"), "the exporter adds the static file itself");
        assertTrue(s.page("sitemap.xml").isPresent());
    }

    @Test
    void overFiftyThousandUrlsMakeASitemapIndexWithParts() throws Exception {
        List<SitemapPages.Url> urls = new ArrayList<>();
        for (int i = 0; i < SitemapPages.MAX_URLS + 2; i++) {
            urls.add(new SitemapPages.Url("https://b.example/p/" + i, Instant.ofEpochSecond(1_600_000_000L + i)));
        }
        Map<String, String> files = SitemapPages.files("https://b.example", urls);
        assertEquals(List.of("sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"), new ArrayList<>(files.keySet()));
        Document index = parse(Page.of("x", files.get("sitemap.xml").getBytes(StandardCharsets.UTF_8), HEAD));
        assertEquals("sitemapindex", index.getDocumentElement().getLocalName());
        assertEquals(List.of("https://b.example/sitemap-1.xml", "https://b.example/sitemap-2.xml"),
                texts(index, "loc"));
        Document second = parse(Page.of("x", files.get("sitemap-2.xml").getBytes(StandardCharsets.UTF_8), HEAD));
        assertEquals(List.of("https://b.example/p/50000", "https://b.example/p/50001"), texts(second, "loc"));
        assertEquals(Instant.ofEpochSecond(1_600_000_000L + 50_001).toString(), texts(index, "lastmod").get(1));
        Document first = parse(Page.of("x", files.get("sitemap-1.xml").getBytes(StandardCharsets.UTF_8), HEAD));
        assertEquals(SitemapPages.MAX_URLS, texts(first, "url").size());
        Element root = first.getDocumentElement();
        assertEquals("urlset", root.getLocalName());
    }
}
