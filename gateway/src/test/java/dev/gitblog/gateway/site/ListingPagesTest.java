package dev.gitblog.gateway.site;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.gitblog.gateway.site.SiteAssemblerTest.*;
import static org.junit.jupiter.api.Assertions.*;

/** Directory listings: served at every prefix, exported as index.html, paged, shadowed by articles and tags. */
class ListingPagesTest {

    final Builds.PlainComposer composer = new Builds.PlainComposer();
    final SiteSnapshot.ArticleView conex = Builds.view("Posts/Conex", "Conex", List.of(), T2);
    final SiteSnapshot.ArticleView arp = Builds.view("Posts/ARP", "ARP", List.of(), T1);
    final SiteSnapshot.ArticleView old = Builds.view("Posts/Old", "Old", List.of(), T0);

    @Test
    void aDirectoryListingIsServedAndExportedAsIndexHtml() {
        SiteOutput out = new SiteOutput(new ArrayList<>());
        ListingPages.addDirectories(Builds.context(Builds.config(), composer), Map.of("Posts", List.of(conex, arp)),
                out);
        assertEquals("LISTING /Posts/Conex,/Posts/ARP", Builds.text(out.get("Posts")));
        assertSame(out.get("Posts"), out.exportFiles().get("Posts/index.html"));
        assertEquals(T2, out.get("Posts").lastModified(), "dated from its newest member");
    }

    @Test
    void timestampsWhenConfigured() {
        SiteOutput out = new SiteOutput(new ArrayList<>());
        ListingPages.addDirectories(Builds.context(Builds.config("timestamp-listings", ""), composer),
                Map.of("Posts", List.of(arp)), out);
        assertEquals("LISTING /Posts/ARP@2016-07-12T15:40:22Z", Builds.text(out.get("Posts")));
    }

    @Test
    void anArticleOrTheTagPagesShadowAListing() {
        List<String> warnings = new ArrayList<>();
        SiteOutput out = new SiteOutput(warnings);
        Page article = SiteOutputTest.page("article");
        out.serve("Posts", article);
        Map<String, List<SiteSnapshot.ArticleView>> dirs = new LinkedHashMap<>();
        dirs.put("Posts", List.of(arp));
        dirs.put("tags", List.of(arp));
        ListingPages.addDirectories(Builds.context(Builds.config(), composer), dirs, out);
        assertSame(article, out.get("Posts"));
        assertFalse(out.has("tags"));
        assertTrue(out.exportFiles().isEmpty());
        assertEquals(List.of("the listing of Posts is shadowed by the article of the same name",
                "the listing of tags is shadowed by the tag pages"), warnings);
    }

    @Test
    void pagesOfPageSizeWithPrevAndNextLinks() {
        SiteOutput out = new SiteOutput(new ArrayList<>());
        ListingPages.addDirectories(Builds.context(Builds.config("page_size", "2"), composer),
                Map.of("Posts", List.of(conex, arp, old)), out);
        assertEquals("LISTING /Posts/Conex,/Posts/ARP next=/Posts/page/2", Builds.text(out.get("Posts")));
        assertEquals("LISTING /Posts/Old prev=/Posts", Builds.text(out.get("Posts/page/2")));
        assertEquals(List.of("Posts/index.html", "Posts/page/2/index.html"), List.copyOf(out.exportFiles().keySet()));
    }

    @Test
    void anEntryOfTheBlogWinsOverANextPage() {
        List<String> warnings = new ArrayList<>();
        SiteOutput out = new SiteOutput(warnings);
        BuildContext ctx = Builds.context(Builds.config("page_size", "1"), composer,
                Map.of("Posts/page/2", "/About"), Map.of(), PageMemo.first(ContentStore.IN_HEAP));
        ListingPages.addDirectories(ctx, Map.of("Posts", List.of(conex, arp, old)), out);
        assertFalse(out.has("Posts/page/2"));
        assertTrue(out.has("Posts/page/3"));
        assertEquals(List.of("/Posts/page/2 is an entry of the blog: page 2 of /Posts is not served"), warnings);
    }

    @Test
    void tagPagesLinkTheirFeedsWhenConfigured() {
        SiteOutput out = new SiteOutput(new ArrayList<>());
        Map<String, Page> pages = ListingPages.pages(Builds.context(Builds.config("tag_feeds", "on"), composer),
                "tag:", "tags/a%2Fb", List.of(arp), true, out);
        assertEquals("LISTING /Posts/ARP alternate=/tags/a%2Fb/atom alternate=/tags/a%2Fb/rss.xml"
                + " alternate=/tags/a%2Fb/feed.json", Builds.text(pages.get("tags/a%2Fb")));
        assertFalse(out.has("tags/a%2Fb"), "the caller serves them");
    }
}
