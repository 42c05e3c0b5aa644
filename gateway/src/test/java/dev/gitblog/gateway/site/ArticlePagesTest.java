package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import dev.gitblog.events.Fragment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.gitblog.gateway.site.Events.*;
import static dev.gitblog.gateway.site.SiteAssemblerTest.*;
import static org.junit.jupiter.api.Assertions.*;

/** Article pages, their export names, and the listing members gathered on the way. */
class ArticlePagesTest {

    final Builds.PlainComposer composer = new Builds.PlainComposer();

    private static List<SiteSnapshot.ArticleView> views(List<Entry> articles, Map<String, Fragment> fragments) {
        return ArticleViews.of(articles, fragments, Map.of(), ContentStore.IN_HEAP, new ArrayList<>());
    }

    @Test
    void everyArticleIsServedAndExportedAtItsPath() {
        List<Entry> articles = List.of(
                article("Posts/2016/ARP", "r1", "h1", "ARP", "a", List.of("protocol", "mirageos"), null, T2, T2),
                article("About", "r1", "h2", null, "a", List.of("mirageos"), null, T1, T1));
        SiteOutput out = new SiteOutput(new ArrayList<>());
        ArticlePages.Members members = new ArticlePages().add(Builds.context(Builds.config("blog_name", "blog"), composer),
                views(articles, Map.of()), articles, Map.of(), out);
        assertEquals("ARTICLE ARP body=", Builds.text(out.get("Posts/2016/ARP")));
        assertEquals("ARTICLE blog body=", Builds.text(out.get("About")), "untitled: the blog's name");
        assertSame(out.get("About"), out.exportFiles().get("About"));
        assertEquals(List.of("About", "Posts/2016/ARP"), List.copyOf(out.exportFiles().keySet()));

        assertEquals(List.of("Posts", "Posts/2016"), List.copyOf(members.directories().keySet()));
        assertEquals(List.of("Posts/2016/ARP"), members.directories().get("Posts").stream()
                .map(SiteSnapshot.ArticleView::path).toList());
        assertEquals(List.of("mirageos", "protocol"), List.copyOf(members.tags().keySet()));
        assertEquals(List.of("Posts/2016/ARP", "About"), members.tags().get("mirageos").stream()
                .map(SiteSnapshot.ArticleView::path).toList(), "members newest first, as the views");
    }

    @Test
    void anArticleWithAGeneratedNameIsServedButNotExported() {
        List<Entry> articles = List.of(article("atom", "r1", "h1", "Atom", "a", List.of(), null, T1, T1));
        List<String> warnings = new ArrayList<>();
        SiteOutput out = new SiteOutput(warnings);
        new ArticlePages().add(Builds.context(Builds.config(), composer), views(articles, Map.of()), articles, Map.of(), out);
        assertTrue(out.has("atom"));
        assertTrue(out.exportFiles().isEmpty());
        assertEquals(List.of("atom is not in the static export: its name collides with a generated file"), warnings);
    }

    @Test
    void headingIdsAndATableOfContentsOnRequest() {
        Entry toc = new Entry(Entry.SCHEMA_VERSION, "Posts/Toc", dev.gitblog.events.EntryKind.ARTICLE, "r1", "h1", T1,
                T1, new Entry.Article("Toc", "a", null, null, List.of(), Map.of("toc", "on"), "x", "commonmark"),
                null, null, null, null, List.of());
        Entry plain = article("Posts/Plain", "r1", "h2", "Plain", "a", List.of(), null, T0, T0);
        List<Entry> articles = List.of(toc, plain);
        Map<String, Fragment> fragments = Map.of(
                "Posts/Toc", fragment("Posts/Toc", "r1", "h1", "<h2>One</h2>\n", null),
                "Posts/Plain", fragment("Posts/Plain", "r1", "h2", "<h2>One</h2>\n", null));
        SiteOutput out = new SiteOutput(new ArrayList<>());
        new ArticlePages().add(Builds.context(Builds.config(), composer), views(articles, fragments), articles, fragments,
                out);
        String withToc = Builds.text(out.get("Posts/Toc"));
        assertTrue(withToc.contains("id=\"one\""), withToc);
        assertTrue(withToc.indexOf("href=\"#one\"") < withToc.indexOf("<h2 id=\"one\""), withToc);
        assertEquals("ARTICLE Plain body=<h2>One</h2>\n", Builds.text(out.get("Posts/Plain")));
    }

    @Test
    void anUnchangedArticleIsNotComposedAgain() {
        List<Entry> articles = List.of(article("About", "r1", "h1", "About", "a", List.of(), null, T1, T1));
        PageMemo first = PageMemo.first(ContentStore.IN_HEAP);
        SiteConfig config = Builds.config();
        new ArticlePages().add(Builds.context(config, composer, Map.of(), Map.of(), first), views(articles, Map.of()),
                articles, Map.of(), new SiteOutput(new ArrayList<>()));
        PageMemo second = first.next();
        new ArticlePages().add(Builds.context(config, composer, Map.of(), Map.of(), second), views(articles, Map.of()),
                articles, Map.of(), new SiteOutput(new ArrayList<>()));
        assertEquals(1, composer.calls);
        assertEquals(1, second.reused());
    }

    @Test
    void aBigBuildComposesEachChangedPageOnceAsInOrder() {
        int n = 3 * ArticlePages.PARALLEL_FROM;
        List<Entry> articles = new ArrayList<>();
        Map<String, Fragment> fragments = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            String path = "Posts/A" + i;
            articles.add(article(path, "r1", "h" + i, "Title " + i, "a", List.of("t" + i % 3), null, T1, T1));
            fragments.put(path, fragment(path, "r1", "h" + i, "<p>body " + i + "</p>", null));
        }
        Map<String, Integer> composed = new java.util.concurrent.ConcurrentHashMap<>();
        PageComposer counting = new PageComposer() {
            @Override
            public String article(PageComposer.Layout layout, PageComposer.ArticleModel a) {
                composed.merge(a.title(), 1, Integer::sum);
                return "ARTICLE " + layout.pageTitle() + " body=" + a.bodyHtml();
            }
        };
        PageMemo first = PageMemo.first(ContentStore.IN_HEAP);
        SiteConfig config = Builds.config();
        ArticlePages pages = new ArticlePages();
        SiteOutput out = new SiteOutput(new ArrayList<>());
        ArticlePages.Members members = pages.add(Builds.context(config, counting, Map.of(), Map.of(), first),
                views(articles, fragments), articles, fragments, out);
        assertEquals(n, composed.size());
        assertTrue(composed.values().stream().allMatch(c -> c == 1), "each page composed once: " + composed);
        for (int i = 0; i < n; i++) {
            assertEquals("ARTICLE Title " + i + " body=<p>body " + i + "</p>", Builds.text(out.get("Posts/A" + i)));
        }
        assertEquals(n, first.recomposed());
        assertEquals(n, members.directories().get("Posts").size());
        assertEquals(List.of("t0", "t1", "t2"), List.copyOf(members.tags().keySet()));

        // the next build: one article changed, composed in order; the others are the previous pages
        composed.clear();
        articles.set(7, article("Posts/A7", "r2", "h7b", "Title 7 again", "a", List.of(), null, T1, T2));
        fragments.put("Posts/A7", fragment("Posts/A7", "r2", "h7b", "<p>new</p>", null));
        PageMemo second = first.next();
        SiteOutput next = new SiteOutput(new ArrayList<>());
        pages.add(Builds.context(config, counting, Map.of(), Map.of(), second), views(articles, fragments), articles,
                fragments, next);
        assertEquals(Map.of("Title 7 again", 1), composed);
        assertEquals(1, second.recomposed());
        assertEquals(n - 1, second.reused());
        assertSame(out.get("Posts/A8"), next.get("Posts/A8"));
        assertEquals("ARTICLE Title 7 again body=<p>new</p>", Builds.text(next.get("Posts/A7")));
    }
}
