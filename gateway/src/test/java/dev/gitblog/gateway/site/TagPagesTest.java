package dev.gitblog.gateway.site;

import dev.gitblog.events.ArticleOrder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.gitblog.gateway.site.SiteAssemblerTest.*;
import static org.junit.jupiter.api.Assertions.*;

/** Tag pages and the tag overview. */
class TagPagesTest {

    final Builds.PlainComposer composer = new Builds.PlainComposer();
    final SiteSnapshot.ArticleView conex = Builds.view("Posts/Conex", "Conex", List.of("a/b", "overview"), T2);
    final SiteSnapshot.ArticleView arp = Builds.view("Posts/ARP", "ARP", List.of("overview"), T1);

    private Map<String, List<SiteSnapshot.ArticleView>> members() {
        Map<String, List<SiteSnapshot.ArticleView>> tags = new TreeMap<>(ArticleOrder.BYTE_ORDER);
        tags.put("overview", List.of(conex, arp));
        tags.put("a/b", List.of(conex));
        return tags;
    }

    @Test
    void aPagePerTagAndTheOverview() {
        SiteOutput out = new SiteOutput(new ArrayList<>());
        Map<String, Integer> counts = TagPages.add(Builds.context(Builds.config(), composer), members(), out);
        assertEquals(List.of(Map.entry("a/b", 1), Map.entry("overview", 2)), List.copyOf(counts.entrySet()));
        assertEquals("LISTING /Posts/Conex,/Posts/ARP", Builds.text(out.get("tags/overview")));
        assertEquals("LISTING /Posts/Conex", Builds.text(out.get("tags/a%2Fb")));
        assertEquals("TAGS /tags/a%2Fb,/tags/overview", Builds.text(out.get("tags")));
        assertEquals(Builds.COMMIT, out.get("tags").lastModified());
        assertEquals(List.of("tags/a%2Fb", "tags/overview"), List.copyOf(out.exportFiles().keySet()),
                "the overview is no export file: tags/ is a directory there");
    }

    @Test
    void aTagPageOfSeveralPagesIsExportedLikeAListing() {
        SiteOutput out = new SiteOutput(new ArrayList<>());
        TagPages.add(Builds.context(Builds.config("page_size", "1"), composer), members(), out);
        assertEquals("LISTING /Posts/ARP prev=/tags/overview", Builds.text(out.get("tags/overview/page/2")));
        assertEquals(List.of("tags/a%2Fb", "tags/overview/index.html", "tags/overview/page/2/index.html"),
                List.copyOf(out.exportFiles().keySet()), "a tag of one page stays a file; one of two is a folder");
        assertSame(out.get("tags/overview/page/2"), out.exportFiles().get("tags/overview/page/2/index.html"));
    }

    @Test
    void tagPagesShadowArticlesOfTheSamePath() {
        List<String> warnings = new ArrayList<>();
        SiteOutput out = new SiteOutput(warnings);
        out.serve("tags", SiteOutputTest.page("article tags"));
        out.serve("tags/overview", SiteOutputTest.page("article tags/overview"));
        TagPages.add(Builds.context(Builds.config(), composer), members(), out);
        assertTrue(Builds.text(out.get("tags")).startsWith("TAGS"));
        assertTrue(Builds.text(out.get("tags/overview")).startsWith("LISTING"));
        assertEquals(List.of(
                "/tags/overview is served by the engine and hides the article or listing of the same name",
                "/tags is served by the engine and hides the article or listing of the same name"), warnings);
    }

    @Test
    void theOverviewCarriesThePageHeadWithMeta() {
        SiteOutput out = new SiteOutput(new ArrayList<>());
        TagPages.add(Builds.context(Builds.config("meta", "on", "root", "https://blog.example"), composer),
                members(), out);
        assertEquals("TAGS /tags/a%2Fb,/tags/overview canonical=https://blog.example/tags",
                Builds.text(out.get("tags")));
    }
}
