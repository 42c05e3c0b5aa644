package dev.gitblog.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The keys a revision serves, from its entries alone. */
class RevisionPagesTest {

    static final Instant T = Instant.parse("2022-11-17T15:48:30Z");

    static Entry article(String path, String... tags) {
        return new Entry(1, path, EntryKind.ARTICLE, "r1", "h", T, T,
                new Entry.Article(path, null, null, null, List.of(tags), null, null, "commonmark"),
                null, null, null, null, null);
    }

    static Entry config(String name, String value) {
        return new Entry(1, ".config/" + name, EntryKind.CONFIG, "r1", "h", T, T, null, null,
                new Entry.Config(value), null, null, null);
    }

    static Entry staticFile(String path) {
        return new Entry(1, path, EntryKind.STATIC, "r1", "h", T, T, null, null, null,
                new Entry.StaticAsset("image/png", 4), null, null);
    }

    static Entry redirect(String path, String target) {
        return new Entry(1, path, EntryKind.REDIRECT, "r1", "h", T, T, null, new Entry.Redirect(target), null,
                null, null, null);
    }

    static Entry other(String path, EntryKind kind) {
        return new Entry(1, path, kind, "r1", "h", T, T, null, null, null, null,
                kind == EntryKind.INVALID ? new Entry.Invalid("no header", 1) : null, null);
    }

    @Test
    void pagesOfASmallBlog() {
        RevisionPages site = RevisionPages.of(List.of(config("index_page", "/Posts/"), article("About", " me ", ""),
                article("Posts/ARP", "web", "net"), article("Posts/Old/Notes"), redirect("Posts/Gone", "/About"),
                staticFile("static/a.png"), other("Posts/Bad", EntryKind.INVALID), other("Posts/Draft", EntryKind.DRAFT),
                article("tags/web"), article("tags/x/y"), staticFile("robots.txt")));
        assertEquals(new TreeSet<>(Set.of("", "About", "Posts", "Posts/ARP", "Posts/Old", "Posts/Old/Notes",
                "tags", "tags/me", "tags/me/atom", "tags/me/rss.xml", "tags/me/feed.json", "tags/web",
                "tags/web/atom", "tags/web/rss.xml", "tags/web/feed.json", "tags/net", "tags/net/atom",
                "tags/net/rss.xml", "tags/net/feed.json", "tags/x/y", "atom", "rss.xml", "feed.json",
                "sitemap.xml")), new TreeSet<>(site.pageKeys()));
        assertTrue(LocalLinks.exists(site, "/robots.txt"), "the blog's own robots.txt");
        assertTrue(site.hasStaticFile("static/a.png"));
        assertTrue(site.hasRedirect("Posts/Gone"));
        assertFalse(site.hasPage("Posts/Bad"));
        assertFalse(site.hasPage("Posts/Draft"));
    }

    @Test
    void pageSizeAddsNextPagesOfListingsAndTagPages() {
        List<Entry> entries = new ArrayList<>(List.of(config("page_size", " 2 "), config("index_page", "Posts")));
        for (int i = 1; i <= 5; i++) {
            entries.add(article("Posts/P" + i, "web"));
        }
        entries.add(staticFile("tags/web/page/3")); // under tags only pages answer: page 3 is not served
        entries.add(redirect("Posts/page/3", "/Posts")); // the redirect is served instead of the page
        RevisionPages site = RevisionPages.of(entries);
        for (String key : List.of("", "Posts", "Posts/page/2", "tags/web", "tags/web/page/2")) {
            assertTrue(site.hasPage(key), key);
        }
        for (String key : List.of("Posts/page/1", "Posts/page/3", "Posts/page/4", "tags/web/page/3", "tags/web/page/1")) {
            assertFalse(site.hasPage(key), key);
        }
        assertFalse(LocalLinks.exists(site, "/tags/web/page/3"));
        assertTrue(LocalLinks.exists(site, "/Posts/page/3"));
    }

    @Test
    void withoutAValidPageSizeEveryListingIsOnePage() {
        for (String size : List.of("0", "-3", "ten", "")) {
            List<Entry> entries = new ArrayList<>(List.of(config("page_size", size)));
            for (int i = 1; i <= 3; i++) {
                entries.add(article("Posts/P" + i, "web"));
            }
            RevisionPages site = RevisionPages.of(entries);
            assertFalse(site.hasPage("Posts/page/2"), size);
            assertFalse(site.hasPage(""), "no Index article and no Index folder: no root page");
        }
    }

    @Test
    void aFolderThatIsAnArticleHasNoListingAndManyPagesSplitTheSitemap() {
        RevisionPages site = RevisionPages.of(List.of(article("Posts"), article("Posts/A"), config("page_size", "1"),
                article("Posts/B")));
        assertTrue(site.hasPage("Posts"));
        assertFalse(site.hasPage("Posts/page/2"));
        List<Entry> many = new ArrayList<>();
        for (int i = 0; i < RevisionPages.SITEMAP_MAX_URLS - 1; i++) {
            many.add(article("P" + i));
        }
        assertFalse(RevisionPages.of(many).hasPage("sitemap-1.xml"), "49,999 articles and the tag overview");
        many.add(article("One/More"));
        assertTrue(RevisionPages.of(many).hasPage("sitemap-2.xml"));
        assertFalse(RevisionPages.of(many).hasPage("sitemap-3.xml"));
    }
}
