package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import dev.gitblog.gateway.pages.PageStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.gitblog.gateway.site.Events.article;
import static dev.gitblog.gateway.site.Events.atom;
import static dev.gitblog.gateway.site.Events.config;
import static dev.gitblog.gateway.site.Events.fragment;
import static dev.gitblog.gateway.site.Events.marker;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The assembler with the page store: pages and fragment bodies are files, the snapshot equals the one composed
 * in the heap byte for byte, and sweeping after a push removes only what no snapshot uses any more, after the
 * grace period.
 */
class PageStoreAssemblyTest {

    static final Instant T1 = Instant.parse("2016-07-12T15:40:22Z");
    static final Instant HEAD = Instant.parse("2022-11-17T15:48:30Z");
    static final Duration GRACE = Duration.ofMinutes(2);

    static final class MovableClock extends Clock {
        Instant now = HEAD;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path tmp;

    MovableClock clock;
    PageStore store;
    SiteAssembler onDisk;
    SiteAssembler inHeap;
    List<Entry> r1;

    @BeforeEach
    void setUp() {
        clock = new MovableClock();
        store = new PageStore(tmp.resolve("pages"), GRACE, clock);
        onDisk = new SiteAssembler(new SiteAssemblerTest.TextComposer(), store);
        inHeap = new SiteAssembler(new SiteAssemblerTest.TextComposer());
        r1 = new ArrayList<>(List.of(
                config("blog_name", "full stack engineer", "r1"),
                config("index_page", "Posts", "r1"),
                config("uuid", "981361ca-e71d-4997-a52c-baeee78e4156", "r1"),
                article("Posts/ARP", "r1", "hARP", "Re-engineering ARP", "hannes", List.of("mirageos"), "arp", T1, T1),
                article("Posts/Conex", "r1", "hConex", "Conex", "hannes", List.of("mirageos"), "conex", T1, T1)));
        for (SiteAssembler a : List.of(onDisk, inHeap)) {
            for (Entry e : r1) {
                a.entry(e.path(), e);
                if (e.article() != null) {
                    a.fragment(e.path(), fragment(e.path(), "r1", e.contentHash(), "<p>body of " + e.path() + "</p>\n",
                            "<p>abstract</p>\n"));
                }
            }
            a.feed("atom", atom("r1", "<feed>r1</feed>"));
            a.marker(marker("r1", null, HEAD, r1.stream().map(Entry::path).toList(), List.of(), r1.size()));
        }
    }

    @Test
    void pagesAndBodiesAreFilesWithTheBytesOfTheHeapSnapshot() {
        SiteSnapshot disk = onDisk.completeSnapshot().orElseThrow();
        SiteSnapshot heap = inHeap.completeSnapshot().orElseThrow();
        assertEquals(heap.pages().keySet(), disk.pages().keySet());
        for (Map.Entry<String, Page> p : heap.pages().entrySet()) {
            Page d = disk.pages().get(p.getKey());
            assertInstanceOf(Content.OnDisk.class, d.identity(), p.getKey());
            assertInstanceOf(Content.OnDisk.class, d.gzip(), p.getKey());
            assertArrayEquals(p.getValue().body(), d.body(), p.getKey());
            assertEquals(p.getValue().etag(), d.etag(), p.getKey());
            assertEquals(p.getValue().lastModifiedHeader(), d.lastModifiedHeader(), p.getKey());
        }
        assertTrue(new String(disk.page("Posts/ARP").orElseThrow().body()).contains("body=<p>body of Posts/ARP</p>"));
        SiteSnapshot.ArticleView arp = disk.articles().stream().filter(a -> a.path().equals("Posts/ARP")).findFirst()
                .orElseThrow();
        assertInstanceOf(Content.ReadByName.class, arp.body());
        assertEquals("<p>body of Posts/ARP</p>\n", arp.bodyHtml(), "the API reads the body back from the body log");
        Set<String> bodies = bodyNames(disk);
        assertEquals(disk.articles().size(), store.bodyCount());
        for (String name : disk.contentNames()) {
            assertTrue(bodies.contains(name) || Files.exists(store.dir().resolve(name)), name);
        }
    }

    @Test
    void sweepingAfterAPushKeepsEveryFileOfTheServedSnapshotAndDropsTheOldOnesAfterTheGracePeriod() {
        SiteSnapshot first = onDisk.completeSnapshot().orElseThrow();
        Page oldArp = first.page("Posts/ARP").orElseThrow();
        Content oldBody = first.articles().stream().filter(a -> a.path().equals("Posts/ARP")).findFirst()
                .orElseThrow().body();

        clock.now = clock.now.plus(Duration.ofMinutes(10));
        Entry arp = article("Posts/ARP", "r2", "hARP2", "Re-engineering ARP", "hannes", List.of("mirageos"), "arp", T1,
                HEAD);
        onDisk.entry(arp.path(), arp);
        onDisk.fragment(arp.path(), fragment(arp.path(), "r2", "hARP2", "<p>changed</p>\n", "<p>abstract</p>\n"));
        onDisk.feed("atom", atom("r2", "<feed>r2</feed>"));
        onDisk.marker(marker("r2", "r1", HEAD.plusSeconds(60), List.of("Posts/ARP"), List.of(), r1.size()));
        SiteSnapshot second = onDisk.completeSnapshot().orElseThrow();
        assertNotEquals(oldArp.etag(), second.page("Posts/ARP").orElseThrow().etag());
        // what the gateway does at the swap: the replaced snapshot's files are retired now
        store.retire(first.contentNames());

        clock.now = clock.now.plus(GRACE.minusSeconds(1));
        store.sweep(onDisk.liveContentNames());
        assertTrue(Files.exists(store.dir().resolve(oldArp.identity().name())), "in flight: still there");
        assertArrayEquals(oldArp.body(), oldArp.body());

        clock.now = clock.now.plus(Duration.ofSeconds(2));
        int deleted = store.sweep(onDisk.liveContentNames());
        assertTrue(deleted >= 3, "the old ARP page, its gzip variant and its body go: " + deleted);
        assertFalse(Files.exists(store.dir().resolve(oldArp.identity().name())));
        assertFalse(Files.exists(store.dir().resolve(oldArp.gzip().name())));
        assertThrows(java.io.UncheckedIOException.class, oldBody::bytes, "the old body left the body log");

        for (int i = 0; i < 5; i++) {
            clock.now = clock.now.plus(GRACE.multipliedBy(2));
            store.sweep(onDisk.liveContentNames());
        }
        Set<String> served = second.contentNames();
        Set<String> bodies = bodyNames(second);
        for (String name : served) {
            assertTrue(bodies.contains(name) || Files.exists(store.dir().resolve(name)), "served and swept away: " + name);
        }
        for (SiteSnapshot.ArticleView a : second.articles()) {
            assertArrayEquals(a.body().bytes(), a.body().bytes(), "a served body is still in the log: " + a.path());
        }
        for (Page p : second.pages().values()) {
            assertEquals(p.etag(), "\"" + p.identity().name() + "\"");
            p.body();
            p.gzipBody();
        }
        assertEquals("<p>changed</p>\n", second.articles().stream().filter(a -> a.path().equals("Posts/ARP"))
                .findFirst().orElseThrow().bodyHtml());
    }

    @Test
    void aFeedIsAFileFromItsArrivalAndOutlivesSweepsWhileItsRevisionIsIncomplete() {
        SiteSnapshot first = onDisk.completeSnapshot().orElseThrow();
        Page atom1 = first.page("atom").orElseThrow();
        assertInstanceOf(Content.OnDisk.class, atom1.identity());

        // the atom of r2 arrives long before r2 is complete (its fragment is still missing)
        onDisk.feed("atom", atom("r2", "<feed>r2</feed>"));
        Entry arp = article("Posts/ARP", "r2", "hARP2", "Re-engineering ARP", "hannes", List.of("mirageos"), "arp", T1,
                HEAD);
        onDisk.entry(arp.path(), arp);
        onDisk.marker(marker("r2", "r1", HEAD.plusSeconds(60), List.of("Posts/ARP"), List.of(), r1.size()));
        assertTrue(onDisk.completeSnapshot().isEmpty(), "r2 waits for its fragment");
        for (int i = 0; i < 3; i++) {
            clock.now = clock.now.plus(GRACE.multipliedBy(2));
            store.sweep(onDisk.liveContentNames());
        }

        onDisk.fragment(arp.path(), fragment(arp.path(), "r2", "hARP2", "<p>changed</p>\n", "<p>abstract</p>\n"));
        Page atom2 = onDisk.completeSnapshot().orElseThrow().page("atom").orElseThrow();
        assertNotEquals(atom1.etag(), atom2.etag());
        assertTrue(Files.exists(store.dir().resolve(atom2.identity().name())), "swept before it was served");
        assertTrue(Files.exists(store.dir().resolve(atom2.gzip().name())));
        assertEquals("<feed>r2</feed>", new String(atom2.body(), java.nio.charset.StandardCharsets.UTF_8));

        // a tombstone drops the feed: its file is no longer live and goes after the grace period
        onDisk.feed("atom", null);
        clock.now = clock.now.plus(GRACE.multipliedBy(2));
        store.sweep(onDisk.liveContentNames());
        clock.now = clock.now.plus(GRACE.multipliedBy(2));
        store.sweep(onDisk.liveContentNames());
        assertTrue(Files.exists(store.dir().resolve(atom2.identity().name())), "still served by the last snapshot");
    }

    private static Set<String> bodyNames(SiteSnapshot snapshot) {
        Set<String> names = new java.util.HashSet<>();
        snapshot.articles().forEach(a -> names.add(a.body().name()));
        return names;
    }
}
