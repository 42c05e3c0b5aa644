package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import dev.gitblog.events.Fragment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.gitblog.gateway.site.Events.*;
import static dev.gitblog.gateway.site.SiteAssemblerTest.*;
import static org.junit.jupiter.api.Assertions.*;

/** What the API and the pages show of each article. */
class ArticleViewsTest {

    @Test
    void viewsKeepTheOrderAndCleanTheHeader() {
        Entry conex = article("Posts/Conex", "r1", "h1", " ", "", Arrays.asList(" overview", "", "overview ",
                "package signing"), "abstract", T2, T3);
        Entry arp = article("Posts/ARP", "r1", "h2", "ARP", "hannes", List.of(), null, T1, T1);
        Fragment f = fragment("Posts/ARP", "r1", "h2", "<p>arp</p>", "<p>a</p>");
        List<SiteSnapshot.ArticleView> views = ArticleViews.of(List.of(conex, arp), Map.of(f.path(), f),
                Map.of(), ContentStore.IN_HEAP, new ArrayList<>());
        assertEquals(List.of("Posts/Conex", "Posts/ARP"), views.stream().map(SiteSnapshot.ArticleView::path).toList());
        SiteSnapshot.ArticleView c = views.get(0);
        assertNull(c.title(), "a blank title is absent");
        assertNull(c.author());
        assertEquals(List.of("overview", "package signing"), c.tags());
        assertEquals("/Posts/Conex", c.url());
        assertEquals("", c.bodyHtml(), "no fragment: an empty body");
        assertNull(c.abstractHtml());
        assertEquals("<p>arp</p>", views.get(1).bodyHtml(), "a fragment that still carries its body");
        assertEquals("<p>a</p>", views.get(1).abstractHtml());
    }

    @Test
    void theBodyComesFromTheStoreWhenTheFragmentHasNone() {
        Entry arp = article("Posts/ARP", "r1", "h2", "ARP", "hannes", List.of(), null, T1, T1);
        Fragment slim = fragment("Posts/ARP", "r1", "h2", null, null);
        Content stored = ContentStore.IN_HEAP.putBytes("<p>stored</p>".getBytes(StandardCharsets.UTF_8));
        List<SiteSnapshot.ArticleView> views = ArticleViews.of(List.of(arp), Map.of(slim.path(), slim),
                Map.of("Posts/ARP", stored), ContentStore.IN_HEAP, new ArrayList<>());
        assertSame(stored, views.get(0).body());
    }

    @Test
    void aFailedRenderingIsAWarning() {
        Entry arp = article("Posts/ARP", "r1", "h2", "ARP", "hannes", List.of(), null, T1, T1);
        Fragment failed = errorFragment("Posts/ARP", "r1", "h2", "too deep");
        List<String> warnings = new ArrayList<>();
        ArticleViews.of(List.of(arp), Map.of(failed.path(), failed), Map.of(), ContentStore.IN_HEAP, warnings);
        assertEquals(List.of("Posts/ARP could not be rendered: too deep"), warnings);
    }
}
