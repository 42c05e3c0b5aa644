package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.Fragment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static dev.gitblog.gateway.site.Events.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * What a build keeps from the previous one (views, page models, link lookups, orders, listing entries, sitemap
 * parts) never shows through: after any push, the snapshot is the one a fresh assembler makes of the same
 * revision, and what the push changed is in it, even where the article that shows it did not change.
 */
class BuildReuseTest {

    static final Instant T0 = Instant.parse("2016-04-01T16:41:56Z");

    /** Writes every field of every model, so that two pages are equal only when their models are. */
    static final class DumpComposer extends PageComposer {
        int articles;

        @Override
        public String article(Layout layout, ArticleModel a) {
            articles++;
            return "ARTICLE " + layout + " " + a;
        }

        @Override
        public String listing(Layout layout, List<ListingEntry> entries) {
            return "LISTING " + layout + " " + entries;
        }

        @Override
        public String listing(Layout layout, List<ListingEntry> entries, Pagination.Pager pager) {
            return "LISTING " + layout + " " + entries + " " + pager;
        }

        @Override
        public String tagOverview(Layout layout, List<TagLink> tags) {
            return "TAGS " + layout + " " + tags;
        }

        @Override
        public String notFound(Layout layout) {
            return "NOTFOUND " + layout;
        }
    }

    /** A blog as its git repository has it: what each push sends, and the whole state for a fresh assembler. */
    static final class Blog {
        final Map<String, Entry> entries = new TreeMap<>();
        final Map<String, Fragment> fragments = new TreeMap<>();
        final List<String> changed = new ArrayList<>();
        final List<String> removed = new ArrayList<>();
        /** Paths whose fragment alone is sent again (render-service rendered the same content anew). */
        final List<String> rerendered = new ArrayList<>();
        int revision;

        String rev() {
            return "r" + revision;
        }

        void put(Entry e) {
            entries.put(e.path(), e);
            fragments.remove(e.path());
            changed.add(e.path());
        }

        void article(String path, String title, List<String> tags, Instant created, Instant updated,
                     String body, List<String> links) {
            Entry e = new Entry(Entry.SCHEMA_VERSION, path, EntryKind.ARTICLE, rev(), "h" + path + rev(), created,
                    updated, new Entry.Article(title, "hannes", null, "abstract of " + path, tags, Map.of(), body,
                    "commonmark"), null, null, null, null, List.of());
            put(e);
            fragments.put(path, new Fragment(Fragment.SCHEMA_VERSION, path, rev(), e.contentHash(), "test-1",
                    "<p>" + body + "</p>", "<p>abstract of " + path + "</p>", "", List.of(), links, List.of(), null));
        }

        /** A new fragment of the same content, without a new entry. */
        void rerender(String path, String body) {
            Fragment f = fragments.get(path);
            fragments.put(path, new Fragment(f.schemaVersion(), path, f.revision(), f.contentHash(), "test-2",
                    "<p>" + body + "</p>", f.abstractHtml(), "", List.of(), f.localLinks(), f.localImages(), null));
            rerendered.add(path);
        }

        void remove(String path) {
            entries.remove(path);
            fragments.remove(path);
            removed.add(path);
        }

        /** Sends what changed since the last push to {@code assembler}, with the marker of this revision. */
        void push(SiteAssembler assembler) {
            List<String> changedPaths = changed.stream().distinct().filter(entries::containsKey).toList();
            List<String> removedPaths = removed.stream().distinct().filter(p -> !entries.containsKey(p)).toList();
            for (String path : changedPaths) {
                assembler.entry(path, entries.get(path));
                if (fragments.containsKey(path)) {
                    assembler.fragment(path, fragments.get(path));
                }
            }
            rerendered.forEach(path -> assembler.fragment(path, fragments.get(path)));
            for (String path : removedPaths) {
                assembler.entry(path, null);
                assembler.fragment(path, null);
            }
            sendHead(assembler, changedPaths, removedPaths);
            changed.clear();
            removed.clear();
            rerendered.clear();
        }

        /** The whole current revision, for an assembler that has seen nothing yet. */
        SiteAssembler fresh() {
            SiteAssembler a = new SiteAssembler(new DumpComposer());
            entries.forEach(a::entry);
            fragments.forEach(a::fragment);
            sendHead(a, List.of(), List.of());
            return a;
        }

        private void sendHead(SiteAssembler a, List<String> changedPaths, List<String> removedPaths) {
            a.feed("atom", atom(rev(), "<feed>" + rev() + "</feed>"));
            a.marker(marker(rev(), null, T0.plusSeconds(revision), List.copyOf(changedPaths),
                    List.copyOf(removedPaths), entries.size()));
        }
    }

    Blog blog = new Blog();
    DumpComposer composer = new DumpComposer();
    SiteAssembler assembler = new SiteAssembler(composer);

    private SiteSnapshot push() {
        blog.push(assembler);
        SiteSnapshot s = assembler.completeSnapshot().orElseThrow(() -> new AssertionError(assembler.status()));
        SiteSnapshot fresh = blog.fresh().completeSnapshot().orElseThrow();
        assertSameSite(fresh, s);
        blog.revision++;
        return s;
    }

    /** Everything a reader, the API and the export see of the two snapshots is equal. */
    static void assertSameSite(SiteSnapshot expected, SiteSnapshot actual) {
        assertEquals(expected.site(), actual.site());
        assertEquals(texts(expected.pages()), texts(actual.pages()));
        assertEquals(texts(expected.exportFiles()), texts(actual.exportFiles()));
        assertEquals(expected.redirects(), actual.redirects());
        assertEquals(expected.statics(), actual.statics());
        assertEquals(expected.tags(), actual.tags());
        assertEquals(text(expected.notFound()), text(actual.notFound()));
        assertEquals(views(expected), views(actual));
    }

    private static Map<String, String> texts(Map<String, Page> pages) {
        Map<String, String> out = new TreeMap<>();
        pages.forEach((k, p) -> out.put(k, p.contentType() + " " + p.lastModified() + " " + p.etag() + "\n"
                + text(p)));
        return out;
    }

    private static String text(Page p) {
        return new String(p.body(), StandardCharsets.UTF_8);
    }

    private static List<String> views(SiteSnapshot s) {
        return s.articles().stream().map(v -> v.path() + " " + v.title() + " " + v.tags() + " " + v.created() + " "
                + v.updated() + " " + v.abstractHtml() + " " + v.bodyHtml()).toList();
    }

    private void config(String name, String value) {
        blog.put(config(name, value, blog.rev()));
    }

    private static Entry config(String name, String value, String revision) {
        return Events.config(name, value, revision);
    }

    private void seed() {
        config("blog_name", "one");
        config("index_page", "Posts");
        config("uuid", "981361ca-e71d-4997-a52c-baeee78e4156");
        blog.put(staticFile("static/a.png", "hPng", "image/png", 4, blog.rev(), T0));
        blog.article("About", "About", List.of("me"), T0, T0, "about", List.of("/Posts/ARP"));
        blog.article("Posts/ARP", "ARP", List.of("net"), T0.plusSeconds(10), T0.plusSeconds(10), "arp",
                List.of("/About", "BottomUp", "/static/a.png"));
        blog.article("Posts/BottomUp", "Bottom up", List.of("net", "ocaml"), T0.plusSeconds(20), T0.plusSeconds(20),
                "bottom up", List.of());
    }

    @Test
    void anArticleWhoseFragmentChangesGetsItsNewBodyAndNoOtherIsComposedAgain() {
        seed();
        SiteSnapshot first = push();
        int before = composer.articles;
        blog.article("Posts/ARP", "ARP", List.of("net"), T0.plusSeconds(10), T0.plusSeconds(10), "arp, again",
                List.of("/About", "BottomUp", "/static/a.png"));
        SiteSnapshot second = push();
        assertTrue(text(second.page("Posts/ARP").orElseThrow()).contains("arp, again"));
        assertEquals("<p>arp, again</p>", second.articles().stream().filter(v -> v.path().equals("Posts/ARP"))
                .findFirst().orElseThrow().bodyHtml());
        assertEquals(1, composer.articles - before, "only the changed article is composed again");
        assertSame(first.articles().get(first.articles().size() - 1), second.articles().get(second.articles().size() - 1),
                "the view of an unchanged article is the previous build's");
    }

    @Test
    void aFragmentRenderedAgainWithoutANewEntryShowsItsNewBody() {
        seed();
        push();
        blog.rerender("About", "about, rendered again");
        SiteSnapshot s = push();
        assertTrue(text(s.page("About").orElseThrow()).contains("about, rendered again"));
    }

    @Test
    void aLinkIsBrokenWhenItsTargetGoesAndFixedWhenItComesBackThoughItsArticleDidNotChange() {
        seed();
        assertEquals(Map.of(), push().site().brokenLinks());
        blog.remove("Posts/BottomUp");
        SiteSnapshot gone = push();
        assertEquals(Map.of("Posts/ARP", List.of("BottomUp")), gone.site().brokenLinks());
        assertTrue(gone.site().warnings().contains(
                "Posts/ARP: the link BottomUp points to no page, static file or redirect"), gone.site().warnings()::toString);
        blog.remove("static/a.png");
        assertEquals(Map.of("Posts/ARP", List.of("BottomUp", "/static/a.png")), push().site().brokenLinks());
        blog.article("Posts/BottomUp", "Bottom up", List.of(), T0.plusSeconds(20), T0.plusSeconds(20), "back",
                List.of());
        blog.put(redirect("static/a.png", "/About", blog.rev()));
        assertEquals(Map.of(), push().site().brokenLinks());
    }

    @Test
    void aBrokenLinkStaysReportedWhileNothingChanges() {
        seed();
        blog.article("Notes/x", "x", List.of(), T0, T0, "x", List.of("/Nowhere", "/Nowhere", "../About"));
        assertEquals(Map.of("Notes/x", List.of("/Nowhere")), push().site().brokenLinks());
        blog.article("Posts/ARP", "ARP, edited", List.of("net"), T0.plusSeconds(10), T0.plusSeconds(30), "arp",
                List.of("/About"));
        assertEquals(Map.of("Notes/x", List.of("/Nowhere")), push().site().brokenLinks());
    }

    @Test
    void aConfigurationChangeRecomposesEveryPage() {
        seed();
        SiteSnapshot first = push();
        int before = composer.articles;
        config("blog_name", "two");
        SiteSnapshot s = push();
        assertEquals(3, composer.articles - before, "every article page is composed again");
        first.pages().forEach((key, page) -> {
            if (page.contentType().startsWith("text/html")) {
                assertNotEquals(page.etag(), s.page(key).orElseThrow().etag(), key);
                assertTrue(text(s.page(key).orElseThrow()).contains("blogName=two"), key);
            }
        });
        config("meta", "on");
        config("timestamp-listings", "");
        config("root", "https://blog.example");
        SiteSnapshot third = push();
        assertTrue(text(third.page("Posts/ARP").orElseThrow()).contains("https://blog.example/Posts/ARP"));
        assertTrue(text(third.page("sitemap.xml").orElseThrow())
                .contains("<loc>https://blog.example/Posts/ARP</loc>"));
    }

    @Test
    void aNewDateMovesTheArticleInEveryOrder() {
        seed();
        SiteSnapshot first = push();
        assertEquals(List.of("Posts/BottomUp", "Posts/ARP", "About"), paths(first));
        blog.article("Posts/ARP", "ARP", List.of("net"), T0.plusSeconds(30), T0.plusSeconds(30), "arp", List.of());
        SiteSnapshot second = push();
        assertEquals(List.of("Posts/ARP", "Posts/BottomUp", "About"), paths(second));
        assertTrue(text(second.page("sitemap.xml").orElseThrow()).contains("<lastmod>2016-04-01T16:42:26Z</lastmod>"));
        blog.article("Posts/Zed", "Zed", List.of(), T0.plusSeconds(30), T0.plusSeconds(30), "z", List.of());
        assertEquals(List.of("Posts/Zed", "Posts/ARP", "Posts/BottomUp", "About"), paths(push()));
    }

    @Test
    void aTitleChangeShowsInEveryListingOfTheArticle() {
        seed();
        push();
        blog.article("Posts/BottomUp", "Top down", List.of("net", "ocaml"), T0.plusSeconds(20), T0.plusSeconds(20),
                "bottom up", List.of());
        SiteSnapshot s = push();
        for (String listing : List.of("Posts", "tags/net", "tags/ocaml", "")) {
            assertTrue(text(s.page(listing).orElseThrow()).contains("title=Top down"), listing);
        }
    }

    @Test
    void randomPushesGiveWhatAFreshAssemblerGives() {
        Random random = new Random(15);
        seed();
        push();
        List<String> names = List.of("About", "Posts/ARP", "Posts/BottomUp", "Posts/a", "Posts/b", "Notes/c",
                "Notes/d/e", "static/a.png");
        for (int round = 0; round < 40; round++) {
            for (int change = 0, n = 1 + random.nextInt(3); change < n; change++) {
                String path = names.get(random.nextInt(names.size()));
                switch (random.nextInt(6)) {
                    case 0 -> blog.remove(path);
                    case 1 -> config(List.of("blog_name", "timestamp-listings", "page_size", "meta", "root")
                            .get(random.nextInt(5)), Integer.toString(1 + random.nextInt(2)));
                    case 2 -> blog.put(staticFile(path, "h" + round, "image/png", 4, blog.rev(), T0));
                    default -> blog.article(path, "title " + random.nextInt(3),
                            List.of("t" + random.nextInt(3), "t" + random.nextInt(3)),
                            T0.plusSeconds(random.nextInt(4)), T0.plusSeconds(round), "body " + random.nextInt(3),
                            List.of("/" + names.get(random.nextInt(names.size())), "../static/a.png", "Missing"));
                }
            }
            push();
        }
    }

    private static List<String> paths(SiteSnapshot s) {
        return s.articles().stream().map(SiteSnapshot.ArticleView::path).toList();
    }
}
