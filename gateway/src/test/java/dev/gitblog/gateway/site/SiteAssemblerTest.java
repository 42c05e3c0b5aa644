package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import dev.gitblog.events.NameUuids;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.gitblog.gateway.site.Events.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The assembler without Quarkus: the completeness rule of docs/PIPELINE.md, the snapshot's structure
 * (keys, members, order, redirects, statics, export names) and page reuse between revisions. A
 * plain-text composer stands in for the Qute templates (those are tested in {@link PageComposerTest}).
 */
class SiteAssemblerTest {

    /** Writes what a page is made of, so that the structure can be asserted without HTML. */
    static final class TextComposer extends PageComposer {
        int calls;

        @Override
        public String article(Layout layout, ArticleModel a) {
            calls++;
            return "ARTICLE title=" + a.title() + " page=" + layout.pageTitle() + " nav=" + layout.nav()
                    + " tags=" + a.tags().stream().map(TagLink::href).toList() + " body=" + a.bodyHtml();
        }

        @Override
        public String listing(Layout layout, List<ListingEntry> entries) {
            calls++;
            return "LISTING " + entries.stream().map(ListingEntry::href).collect(Collectors.joining(","));
        }

        @Override
        public String tagOverview(Layout layout, List<TagLink> tags) {
            calls++;
            return "TAGS " + tags.stream().map(TagLink::name).collect(Collectors.joining(","));
        }

        @Override
        public String notFound(Layout layout) {
            calls++;
            return "NOTFOUND " + layout.blogName();
        }
    }

    static final Instant T0 = Instant.parse("2016-04-01T16:41:56Z");
    static final Instant T1 = Instant.parse("2016-07-12T15:40:22Z");
    static final Instant T2 = Instant.parse("2017-02-16T15:20:31Z");
    static final Instant T3 = Instant.parse("2021-11-19T14:33:08Z");
    static final Instant HEAD = Instant.parse("2022-11-17T15:48:30Z");

    TextComposer composer;
    SiteAssembler assembler;
    List<Entry> r1;

    @BeforeEach
    void setUp() {
        composer = new TextComposer();
        assembler = new SiteAssembler(composer);
        r1 = new ArrayList<>(List.of(
                config("blog_name", "full stack engineer", "r1"),
                config("index_page", "Posts", "r1"),
                config("uuid", "981361ca-e71d-4997-a52c-baeee78e4156", "r1"),
                article("About", "r1", "hAbout", "About", "hannes", List.of("overview", "myself"), "me", T0, T3),
                article("Posts/ARP", "r1", "hARP", "Re-engineering ARP", "hannes", List.of("mirageos", "protocol"),
                        "arp", T1, T3),
                article("Posts/Conex", "r1", "hConex", "Conex", "hannes", List.of("package signing", "overview"),
                        "conex", T2, T3),
                redirect("Posts/About", "/About", "r1"),
                staticFile("static/css/style.css", "hCss", "text/css", 5, "r1", T0)));
    }

    /** Feeds every r1 event; returns the marker's paths. */
    private void deliverR1(boolean withFragments, boolean withAtom) {
        for (Entry e : r1) {
            assembler.entry(e.path(), e);
        }
        if (withFragments) {
            for (Entry e : r1) {
                if (e.article() != null) {
                    assembler.fragment(e.path(), fragment(e.path(), "r1", e.contentHash(), "<p>" + e.path() + "</p>\n",
                            "<p>abstract " + e.path() + "</p>\n"));
                }
            }
        }
        if (withAtom) {
            assembler.feed("atom", atom("r1", "<feed>r1</feed>"));
        }
        assembler.marker(marker("r1", null, HEAD, r1.stream().map(Entry::path).toList(), List.of(), r1.size()));
    }

    @Test
    void nothingBeforeTheFirstMarker() {
        for (Entry e : r1) {
            assembler.entry(e.path(), e);
        }
        assertTrue(assembler.completeSnapshot().isEmpty());
        AssemblyStatus status = assembler.status();
        assertNull(status.newestRevision());
        assertFalse(status.caughtUp());
        assertEquals(List.of("no revision marker received yet"), status.missing());
    }

    @Test
    void completeRevisionGivesOneSnapshotOnce() {
        deliverR1(true, true);
        Optional<SiteSnapshot> snapshot = assembler.completeSnapshot();
        assertTrue(snapshot.isPresent(), () -> "missing: " + assembler.status().missing());
        assertEquals("r1", snapshot.get().revision());
        assertEquals(HEAD, snapshot.get().commitTime());
        assertTrue(assembler.completeSnapshot().isEmpty(), "the same revision is returned only once");
        AssemblyStatus status = assembler.status();
        assertTrue(status.caughtUp());
        assertEquals("r1", status.servedRevision());
        assertEquals(List.of(), status.missing());
        assertEquals(r1.size(), status.entries());
        assertEquals(r1.size(), status.expectedEntries());
    }

    @Test
    void missingFragmentHoldsTheRevisionBack() {
        deliverR1(false, true);
        assertTrue(assembler.completeSnapshot().isEmpty());
        assertTrue(assembler.status().missing().stream().anyMatch(m -> m.startsWith("fragment of Posts/ARP for content ")),
                assembler.status().missing()::toString);
        for (Entry e : r1) {
            if (e.article() != null) {
                assembler.fragment(e.path(), fragment(e.path(), "r1", e.contentHash(), "<p>x</p>\n", null));
            }
        }
        assertTrue(assembler.completeSnapshot().isPresent());
    }

    @Test
    void fragmentOfAnotherContentHashDoesNotCount() {
        deliverR1(true, true);
        Entry changed = article("Posts/ARP", "r2", "hARP2", "Re-engineering ARP", "hannes", List.of(), null, T1, HEAD);
        assembler.entry(changed.path(), changed);
        assembler.feed("atom", atom("r2", "<feed>r2</feed>"));
        assembler.marker(marker("r2", "r1", HEAD, List.of("Posts/ARP"), List.of(), r1.size()));
        assertTrue(assembler.completeSnapshot().isEmpty(), "the old fragment (hash hARP) must not be used");
        assembler.fragment("Posts/ARP", fragment("Posts/ARP", "r2", "hARP2", "<p>new</p>\n", null));
        SiteSnapshot s = assembler.completeSnapshot().orElseThrow();
        assertTrue(text(s.page("Posts/ARP").orElseThrow()).contains("<p>new</p>"));
    }

    @Test
    void missingOrOlderAtomHoldsTheRevisionBack() {
        deliverR1(true, false);
        assertTrue(assembler.completeSnapshot().isEmpty());
        assembler.feed("atom", atom("r0", "<feed>old</feed>"));
        assertTrue(assembler.completeSnapshot().isEmpty(), "an atom of another revision is not enough");
        assertTrue(assembler.status().missing().get(0).startsWith("atom feed for revision r1"));
        assembler.feed("atom", atom("r1", "<feed>r1</feed>"));
        assertTrue(assembler.completeSnapshot().isPresent());
    }

    @Test
    void wrongEntryCountHoldsTheRevisionBack() {
        for (Entry e : r1) {
            assembler.entry(e.path(), e);
            if (e.article() != null) {
                assembler.fragment(e.path(), fragment(e.path(), "r1", e.contentHash(), "<p>x</p>\n", null));
            }
        }
        assembler.feed("atom", atom("r1", "<feed/>"));
        assembler.marker(marker("r1", null, HEAD, List.of("About"), List.of(), r1.size() + 1));
        assertTrue(assembler.completeSnapshot().isEmpty());
        assertEquals("entries: holding " + r1.size() + " of " + (r1.size() + 1), assembler.status().missing().get(0));
        Entry extra = config("root", "https://hannes.robur.coop", "r1");
        assembler.entry(extra.path(), extra);
        assertTrue(assembler.completeSnapshot().isPresent());
    }

    @Test
    void changedPathAtAnOlderRevisionHoldsTheRevisionBack() {
        deliverR1(true, true);
        assembler.completeSnapshot().orElseThrow();
        // r2 says About changed, but the entry of r2 has not arrived yet
        assembler.feed("atom", atom("r2", "<feed>r2</feed>"));
        assembler.marker(marker("r2", "r1", HEAD, List.of("About"), List.of(), r1.size()));
        assertTrue(assembler.completeSnapshot().isEmpty());
        assertEquals(List.of("entry About at revision r2"), assembler.status().missing());
        assertFalse(assembler.status().caughtUp());
        Entry about = article("About", "r2", "hAbout", "About", "hannes", List.of(), "me", T0, HEAD);
        assembler.entry("About", about);
        assertEquals("r2", assembler.completeSnapshot().orElseThrow().revision());
    }

    @Test
    void removedPathStillPresentHoldsTheRevisionBack() {
        deliverR1(true, true);
        assembler.completeSnapshot().orElseThrow();
        assembler.feed("atom", atom("r2", "<feed>r2</feed>"));
        assembler.marker(marker("r2", "r1", HEAD, List.of(), List.of("Posts/Conex"), r1.size() - 1));
        assertTrue(assembler.completeSnapshot().isEmpty());
        assertTrue(assembler.status().missing().contains("removal of Posts/Conex"));
        assembler.entry("Posts/Conex", null);
        assembler.fragment("Posts/Conex", null);
        SiteSnapshot s = assembler.completeSnapshot().orElseThrow();
        assertTrue(s.page("Posts/Conex").isEmpty());
        assertFalse(s.tags().containsKey("package signing"));
        assertTrue(s.page("tags/package signing").isEmpty());
        assertFalse(s.exportFiles().containsKey("tags/package signing"));
    }

    @Test
    void supersededMarkerIsNeverServed() {
        deliverR1(true, true);
        assembler.completeSnapshot().orElseThrow();
        // r2 never completes (its About entry is lost); r3 arrives with everything
        assembler.marker(marker("r2", "r1", HEAD, List.of("About"), List.of(), r1.size()));
        assertTrue(assembler.completeSnapshot().isEmpty());
        Entry about = article("About", "r3", "hAbout3", "About", "hannes", List.of(), "me", T0, HEAD);
        assembler.entry("About", about);
        assembler.fragment("About", fragment("About", "r3", "hAbout3", "<p>three</p>\n", null));
        assembler.feed("atom", atom("r3", "<feed>r3</feed>"));
        assembler.marker(marker("r3", "r2", HEAD, List.of("About"), List.of(), r1.size()));
        SiteSnapshot s = assembler.completeSnapshot().orElseThrow();
        assertEquals("r3", s.revision());
        assertTrue(assembler.completeSnapshot().isEmpty());
    }

    @Test
    void snapshotHasEveryKindOfResource() {
        deliverR1(true, true);
        assembler.feed("tags/mirageos/atom", feed("tags/mirageos/atom", "r1", "application/atom+xml", "<feed>m</feed>"));
        assembler.feed("feed.json", feed("feed.json", "r1", "application/feed+json", "{}"));
        SiteSnapshot s = assembler.completeSnapshot().orElseThrow();

        // articles newest first, with their API views
        assertEquals(List.of("Posts/Conex", "Posts/ARP", "About"),
                s.articles().stream().map(SiteSnapshot.ArticleView::path).toList());
        SiteSnapshot.ArticleView arp = s.articles().get(1);
        assertEquals("/Posts/ARP", arp.url());
        assertEquals("<p>Posts/ARP</p>\n", arp.bodyHtml());
        assertEquals("<p>abstract Posts/ARP</p>\n", arp.abstractHtml());
        assertEquals(T1, arp.created());

        // listing and index: same bytes, members newest first, no redirect and no top-level article
        assertEquals("LISTING /Posts/Conex,/Posts/ARP", text(s.page("Posts").orElseThrow()));
        assertSame(s.page("Posts").orElseThrow(), s.page("").orElseThrow());
        assertEquals(T3, s.page("Posts").orElseThrow().lastModified());

        // article page: title, nav (articles and redirects, byte order), tag hrefs
        assertEquals("ARTICLE title=Re-engineering ARP page=Re-engineering ARP nav=[About, Posts]"
                        + " tags=[/tags/mirageos, /tags/protocol] body=<p>Posts/ARP</p>\n",
                text(s.page("Posts/ARP").orElseThrow()));
        assertEquals("text/html; charset=UTF-8", s.page("Posts/ARP").orElseThrow().contentType());
        assertEquals(T3, s.page("Posts/ARP").orElseThrow().lastModified());

        // tags
        assertEquals(List.of("mirageos", "myself", "overview", "package signing", "protocol"),
                new ArrayList<>(s.tags().keySet()));
        assertEquals(2, s.tags().get("overview"));
        assertEquals("LISTING /Posts/Conex,/About", text(s.page("tags/overview").orElseThrow()));
        assertEquals("LISTING /Posts/Conex", text(s.page("tags/package signing").orElseThrow()));
        assertEquals("TAGS mirageos,myself,overview,package signing,protocol", text(s.page("tags").orElseThrow()));
        assertEquals(HEAD, s.page("tags").orElseThrow().lastModified());

        // feeds, redirects, statics, 404
        assertEquals("application/atom+xml; charset=UTF-8", s.page("atom").orElseThrow().contentType());
        assertEquals("<feed>r1</feed>", text(s.page("atom").orElseThrow()));
        assertEquals("<feed>m</feed>", text(s.page("tags/mirageos/atom").orElseThrow()));
        assertEquals(Optional.of("/About"), s.redirect("Posts/About"));
        assertTrue(s.page("Posts/About").isEmpty());
        SiteSnapshot.StaticRef css = s.staticFile("static/css/style.css").orElseThrow();
        assertEquals(new SiteSnapshot.StaticRef("static/css/style.css", "hCss", "text/css", 5, T0), css);
        assertEquals("NOTFOUND full stack engineer", text(s.notFound()));

        // site info
        assertEquals(new SiteSnapshot.SiteInfo("full stack engineer", "http://localhost", "Posts",
                "urn:uuid:981361ca-e71d-4997-a52c-baeee78e4156", List.of("About", "Posts"), List.of()), s.site());

        // export: the pages layout, plus the sitemap and the default robots.txt
        assertEquals(List.of("About", "Posts/ARP", "Posts/Conex", "Posts/index.html", "atom", "feed.json",
                        "index.html", "robots.txt", "sitemap.xml", "tags/mirageos", "tags/myself", "tags/overview", "tags/package signing",
                        "tags/protocol"),
                new ArrayList<>(s.exportFiles().keySet()));
    }

    @Test
    void nestedDirectoriesGetAListingAtEveryLevel() {
        r1.add(article("Projects/ocaml/tls", "r1", "hTls", "TLS", "h", List.of(), null, T1, T1));
        r1.add(article("Projects/ocaml/dns", "r1", "hDns", "DNS", "h", List.of(), null, T2, T2));
        r1.add(article("Projects/top", "r1", "hTop", "Top", "h", List.of(), null, T0, T0));
        deliverR1(true, true);
        SiteSnapshot s = assembler.completeSnapshot().orElseThrow();
        assertEquals("LISTING /Projects/ocaml/dns,/Projects/ocaml/tls,/Projects/top", text(s.page("Projects").orElseThrow()));
        assertEquals("LISTING /Projects/ocaml/dns,/Projects/ocaml/tls", text(s.page("Projects/ocaml").orElseThrow()));
        assertTrue(s.exportFiles().containsKey("Projects/index.html"));
        assertTrue(s.exportFiles().containsKey("Projects/ocaml/index.html"));
        assertEquals(List.of("About", "Posts", "Projects"), s.site().navItems());
    }

    @Test
    void headerConfigOverridesTheNavbar() {
        r1.add(config("header", "Posts\nAbout\nhttps://x", "r1"));
        deliverR1(true, true);
        SiteSnapshot s = assembler.completeSnapshot().orElseThrow();
        assertEquals(List.of("Posts", "About", "https://x"), s.site().navItems());
        assertTrue(text(s.page("About").orElseThrow()).contains("nav=[Posts, About, https://x]"));
    }

    @Test
    void defaultsAndWarningsWithoutConfiguration() {
        r1.removeIf(e -> e.path().startsWith(".config/"));
        r1.add(invalid("Posts/Broken", "header line 2 has no \": \"", "r1"));
        deliverR1(true, true);
        SiteSnapshot s = assembler.completeSnapshot().orElseThrow();
        assertEquals("Canopy", s.site().blogName());
        assertEquals("Index", s.site().indexPage());
        assertEquals("http://localhost", s.site().root());
        // docs/DECISIONS.md Decision 11: UUIDv5(NAMESPACE_URL, root), computed independently: Python uuid.uuid5(uuid.NAMESPACE_URL, "http://localhost")
        assertEquals("urn:uuid:" + NameUuids.v5(NameUuids.NAMESPACE_URL, "http://localhost"), s.site().feedId());
        assertTrue(s.site().warnings().stream().anyMatch(w -> w.startsWith("missing .config/uuid")));
        assertTrue(s.site().warnings().stream().anyMatch(w -> w.startsWith("Posts/Broken is not published")));
        assertTrue(s.page("").isEmpty(), "no article or directory Index: / is a 404");
        assertFalse(s.exportFiles().containsKey("index.html"));
        assertTrue(s.page("Posts/Broken").isEmpty());
    }

    @Test
    void uuidV5MatchesTheCanopyTestVector() {
        // docs/FORMAT.md §3.6: uuid5(uuid5(NAMESPACE_DNS, created), base)
        var ns = NameUuids.v5(NameUuids.NAMESPACE_DNS, "2016-04-01T16:41:56-00:00");
        assertEquals("5df3be98-e030-59f0-ac7c-af8dc7278045",
                NameUuids.v5(ns, "981361ca-e71d-4997-a52c-baeee78e4156").toString());
    }

    @Test
    void hostileTagsNeverLeaveTheirDirectory() {
        r1.add(article("Posts/Evil", "r1", "hEvil", "Evil", "x", List.of("../../etc", "a/b", "..", "c\\d", "", " "),
                null, T2, T2));
        deliverR1(true, true);
        SiteSnapshot s = assembler.completeSnapshot().orElseThrow();
        for (String name : s.exportFiles().keySet()) {
            for (String segment : name.split("/", -1)) {
                assertFalse(segment.isEmpty() || segment.equals(".") || segment.equals(".."), name);
                assertFalse(segment.contains("\\"), name);
            }
            if (name.startsWith("tags/")) {
                assertEquals(2, name.split("/", -1).length, "a tag page is one file directly under tags/: " + name);
            }
        }
        assertTrue(s.exportFiles().containsKey("tags/..%2F..%2Fetc"));
        assertTrue(s.exportFiles().containsKey("tags/a%2Fb"));
        assertTrue(s.exportFiles().containsKey("tags/%2E%2E"));
        assertTrue(s.exportFiles().containsKey("tags/c%5Cd"));
        assertFalse(s.tags().containsKey(""), "empty tags are dropped");
        assertTrue(text(s.page("Posts/Evil").orElseThrow())
                .contains("tags=[/tags/..%2F..%2Fetc, /tags/a%2Fb, /tags/%2E%2E, /tags/c%5Cd]"));
    }

    @Test
    void unchangedPagesAreReusedAndChangedOnesRecomposed() {
        deliverR1(true, true);
        SiteSnapshot first = assembler.completeSnapshot().orElseThrow();
        int callsAfterFirst = composer.calls;

        // r2 changes the body of ARP only
        Entry arp = article("Posts/ARP", "r2", "hARP2", "Re-engineering ARP", "hannes", List.of("mirageos", "protocol"),
                "arp", T1, HEAD);
        assembler.entry(arp.path(), arp);
        assembler.fragment(arp.path(), fragment(arp.path(), "r2", "hARP2", "<p>changed</p>\n", "<p>abstract Posts/ARP</p>\n"));
        assembler.feed("atom", atom("r2", "<feed>r2</feed>"));
        assembler.marker(marker("r2", "r1", HEAD.plusSeconds(60), List.of("Posts/ARP"), List.of(), r1.size()));
        SiteSnapshot second = assembler.completeSnapshot().orElseThrow();

        assertSame(first.page("About").orElseThrow().body(), second.page("About").orElseThrow().body());
        assertSame(first.page("Posts/Conex").orElseThrow().body(), second.page("Posts/Conex").orElseThrow().body());
        assertNotEquals(first.page("Posts/ARP").orElseThrow().etag(), second.page("Posts/ARP").orElseThrow().etag());
        // listings show the abstract and title, which did not change: same bytes, newer Last-Modified
        assertSame(first.page("Posts").orElseThrow().body(), second.page("Posts").orElseThrow().body());
        assertEquals(HEAD, second.page("Posts").orElseThrow().lastModified());
        assertEquals(HEAD.plusSeconds(60), second.page("tags").orElseThrow().lastModified());
        assertEquals(1, composer.calls - callsAfterFirst, "only the ARP article is composed again");
        assertEquals(2, assembler.status().pagesRecomposed() - 1,
                "ARP, the atom feed and the sitemap (ARP's lastmod) are new");

        // a config change touches every page of the layout; robots.txt names only the root
        Entry name = config("blog_name", "renamed", "r3");
        assembler.entry(name.path(), name);
        assembler.feed("atom", atom("r3", "<feed>r3</feed>"));
        assembler.marker(marker("r3", "r2", HEAD.plusSeconds(120), List.of(name.path()), List.of(), r1.size()));
        SiteSnapshot third = assembler.completeSnapshot().orElseThrow();
        assertEquals(1, assembler.status().pagesReused());
        assertSame(second.page("robots.txt").orElseThrow().body(), third.page("robots.txt").orElseThrow().body());
    }

    static String text(Page page) {
        return new String(page.body(), StandardCharsets.UTF_8);
    }
}
