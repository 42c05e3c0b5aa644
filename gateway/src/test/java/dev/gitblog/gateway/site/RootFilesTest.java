package dev.gitblog.gateway.site;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** sitemap.xml and robots.txt, unless the blog has its own. */
class RootFilesTest {

    @Test
    void sitemapAndRobotsAreServedAndExported() {
        SiteOutput out = new SiteOutput(new ArrayList<>());
        out.serve("About", SiteOutputTest.page("about"));
        RootFiles.add(Builds.context(Builds.config("root", "https://blog.example"), new Builds.PlainComposer()), out);
        assertEquals("User-agent: *\nDisallow:\n\nSitemap: https://blog.example/sitemap.xml\n",
                Builds.text(out.get("robots.txt")));
        assertEquals(RobotsTxt.CONTENT_TYPE, out.get("robots.txt").contentType());
        assertTrue(Builds.text(out.get("sitemap.xml")).contains("<loc>https://blog.example/About</loc>"));
        assertEquals(SitemapPages.CONTENT_TYPE, out.get("sitemap.xml").contentType());
        assertSame(out.get("sitemap.xml"), out.exportFiles().get("sitemap.xml"));
        assertSame(out.get("robots.txt"), out.exportFiles().get("robots.txt"));
    }

    @Test
    void theBlogsOwnFileWins() {
        SiteOutput out = new SiteOutput(new ArrayList<>());
        Page own = SiteOutputTest.page("own sitemap");
        out.serve("sitemap.xml", own);
        BuildContext ctx = Builds.context(Builds.config(), new Builds.PlainComposer(), Map.of(),
                Map.of("robots.txt", new SiteSnapshot.StaticRef("robots.txt", "h", "text/plain", 1, Instant.EPOCH)),
                PageMemo.first(ContentStore.IN_HEAP));
        RootFiles.add(ctx, out);
        assertSame(own, out.get("sitemap.xml"));
        assertFalse(out.has("robots.txt"));
        assertTrue(out.exportFiles().isEmpty());
    }
}
