package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import dev.gitblog.events.Fragment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.gitblog.gateway.site.Events.*;
import static dev.gitblog.gateway.site.SiteAssemblerTest.*;
import static org.junit.jupiter.api.Assertions.*;

/** Local links and images of an article that point to no page, static file or redirect of the revision. */
class LinkReportTest {

    static SiteSnapshot build(List<String> links, List<String> images) {
        SiteAssembler assembler = new SiteAssembler(new SiteAssemblerTest.TextComposer());
        List<Entry> entries = List.of(config("index_page", "Posts", "r1"),
                article("About", "r1", "hA", "About", "a", List.of("me"), null, T0, T0),
                article("Posts/ARP", "r1", "hARP", "ARP", "a", List.of("web"), null, T1, T1),
                article("Posts/BottomUp", "r1", "hB", "Bottom up", "a", List.of(), null, T2, T2),
                redirect("Posts/Old", "/Posts/ARP", "r1"),
                staticFile("static/img/a.png", "hPng", "image/png", 4, "r1", T0),
                staticFile("favicon.ico", "hIco", "image/x-icon", 4, "r1", T0));
        for (Entry e : entries) {
            assembler.entry(e.path(), e);
            if (e.article() != null) {
                boolean arp = e.path().equals("Posts/ARP");
                assembler.fragment(e.path(), new Fragment(Fragment.SCHEMA_VERSION, e.path(), "r1", e.contentHash(),
                        "test-1", "<p>x</p>\n", null, "", List.of(), arp ? links : List.of(),
                        arp ? images : List.of(), null));
            }
        }
        assembler.feed("atom", atom("r1", "<feed/>"));
        assembler.marker(marker("r1", null, HEAD, entries.stream().map(Entry::path).toList(), List.of(),
                entries.size()));
        return assembler.completeSnapshot().orElseThrow();
    }

    @Test
    void linksThatResolveAreNotReported() {
        SiteSnapshot s = build(List.of("/About", "BottomUp", "../About#me", "./BottomUp?x=1", "/Posts/", "/",
                "Old", "/tags/web", "/atom", "/sitemap.xml", "/robots.txt", "/favicon.ico",
                "/Posts/Bottom%55p"), List.of("/static/img/a.png", "../static/img/a.png"));
        assertEquals(Map.of(), s.site().brokenLinks(), s.site().warnings().toString());
        assertEquals(0, s.site().brokenLinkCount());
    }

    @Test
    void brokenLinksAndImagesAreReportedOnTheirArticleWithTheTarget() {
        SiteSnapshot s = build(List.of("/Nowhere", "Missing", "/Nowhere", "../../../etc/passwd", "/tags/nope",
                "/About"), List.of("/static/img/gone.png"));
        assertEquals(Map.of("Posts/ARP", List.of("/Nowhere", "Missing", "../../../etc/passwd", "/tags/nope",
                "/static/img/gone.png")), s.site().brokenLinks());
        assertEquals(5, s.site().brokenLinkCount());
        assertTrue(s.site().warnings().contains(
                "Posts/ARP: the link Missing points to no page, static file or redirect"), s.site().warnings().toString());
    }
}
