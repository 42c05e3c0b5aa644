package dev.gitblog.gateway.notify;

import dev.gitblog.gateway.http.TestSnapshots;
import dev.gitblog.gateway.notify.ChangeEvent.ChangedPath;
import dev.gitblog.gateway.site.Page;
import dev.gitblog.gateway.site.SiteSnapshot;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diff of two snapshots, the bounded history behind Last-Event-ID, and the notifier's decision per marker. */
class ChangeLogTest {

    static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    static SiteSnapshot snapshot(String revision, String variant) {
        return TestSnapshots.seedLike(revision, variant);
    }

    /** {@code base} with {@code path} removed from its pages and a new page {@code added}. */
    static SiteSnapshot without(SiteSnapshot base, String revision, String path, String added) {
        Map<String, Page> pages = new LinkedHashMap<>(base.pages());
        pages.remove(path);
        pages.put(added, Page.of(TestSnapshots.HTML, ("<p>" + added + "</p>").getBytes(StandardCharsets.UTF_8), T0));
        Map<String, String> redirects = new HashMap<>(base.redirects());
        return new SiteSnapshot(revision, base.commitTime(), base.site(), pages, redirects, base.statics(),
                base.notFound(), base.articles(), base.tags(), base.exportFiles());
    }

    @Test
    void diffListsChangedPagesAndFeedsWithTheirUrls() {
        ChangeEvent e = SnapshotDiff.between(snapshot("r1", "old text"), snapshot("r2", "new text"), T0, 100);
        assertEquals("r2", e.revision());
        assertEquals("r1", e.previousRevision());
        // the article's text and the atom feed (its <updated> names the revision) changed; nothing else
        assertEquals(List.of(new ChangedPath("/Posts/ARP", "https://hannes.robur.coop/Posts/ARP"),
                new ChangedPath("/atom", "https://hannes.robur.coop/atom")), e.changed());
        assertEquals(List.of(new ChangedPath("/atom", "https://hannes.robur.coop/atom")), e.feeds());
        assertEquals(List.of(), e.removed());
        assertFalse(e.truncated());
    }

    @Test
    void diffListsRemovedPathsAndEncodesUrls() {
        SiteSnapshot r1 = snapshot("r1", "same");
        SiteSnapshot r2 = without(r1, "r2", "Posts/meeting-23mar- gem updates", "tags/a%2Fb/new page");
        ChangeEvent e = SnapshotDiff.between(r1, r2, T0, 100);
        assertEquals(List.of(new ChangedPath("/Posts/meeting-23mar- gem updates",
                "https://hannes.robur.coop/Posts/meeting-23mar-%20gem%20updates")), e.removed());
        assertEquals(List.of(new ChangedPath("/tags/a%2Fb/new page", "https://hannes.robur.coop/tags/a%2Fb/new%20page")),
                e.changed());
    }

    @Test
    void diffIsCutAtTheLimitAndSaysSo() {
        ChangeEvent e = SnapshotDiff.between(snapshot("r1", "a"), snapshot("r2", "b"), T0, 1);
        assertEquals(1, e.changed().size());
        assertTrue(e.truncated());
    }

    @Test
    void jsonCarriesRevisionPublishedAtAndPaths() {
        ChangeEvent e = SnapshotDiff.between(snapshot("r1", "a"), snapshot("r2", "b"), T0, 100);
        String json = new String(ChangeJson.revision(e), StandardCharsets.UTF_8);
        assertEquals("{\"revision\":\"r2\",\"previousRevision\":\"r1\",\"publishedAt\":\"2026-12-05T10:00:00Z\","
                + "\"changed\":[{\"path\":\"/Posts/ARP\",\"url\":\"https://hannes.robur.coop/Posts/ARP\"},"
                + "{\"path\":\"/atom\",\"url\":\"https://hannes.robur.coop/atom\"}],\"removed\":[],"
                + "\"feeds\":[{\"path\":\"/atom\",\"url\":\"https://hannes.robur.coop/atom\"}],\"truncated\":false}", json);
        assertFalse(json.contains("\n"), "one line: an SSE data field");
    }

    @Test
    void resumesAfterAKnownRevisionAndRestartsAfterAnUnknownOne() {
        ChangeLog log = new ChangeLog(2, 1 << 20, 100);
        assertInstanceOf(ChangeLog.NothingServed.class, log.resume(null));
        assertTrue(log.swapped(null, snapshot("r1", "1"), T0).isEmpty(), "the first snapshot is the base, no event");
        assertEquals(new ChangeLog.Restart("r1", T0, null), log.resume(null));
        log.swapped(snapshot("r1", "1"), snapshot("r2", "2"), T0.plusSeconds(1));
        log.swapped(snapshot("r2", "2"), snapshot("r3", "3"), T0.plusSeconds(2));
        assertEquals(List.of("r2", "r3"), revisions(log.resume("r1")));
        assertEquals(List.of("r3"), revisions(log.resume("r2")));
        assertEquals(List.of(), revisions(log.resume("r3")));
        log.swapped(snapshot("r3", "3"), snapshot("r4", "4"), T0.plusSeconds(3));
        // two events kept: r3 and r4; r2 is the revision before the oldest, so resuming after it still works
        assertEquals(List.of("r3", "r4"), revisions(log.resume("r2")));
        assertEquals(new ChangeLog.Restart("r4", T0.plusSeconds(3), "r1"), log.resume("r1"));
        assertEquals(new ChangeLog.Restart("r4", T0.plusSeconds(3), "nonsense"), log.resume("nonsense"));
    }

    @Test
    void historyIsBoundedByBytes() {
        ChangeLog log = new ChangeLog(100, 1, 100);
        log.swapped(null, snapshot("r1", "1"), T0);
        log.swapped(snapshot("r1", "1"), snapshot("r2", "2"), T0);
        log.swapped(snapshot("r2", "2"), snapshot("r3", "3"), T0);
        assertEquals(1, log.events().size(), "always the newest, never more than the budget allows beyond it");
    }

    @Test
    void notifierDeliversServedRevisionsAndSkipsTheRest() throws Exception {
        ChangeLog log = new ChangeLog(10, 1 << 20, 100);
        assertTrue(log.outcome("r1", T0).isEmpty(), "nothing served yet: wait");
        log.swapped(null, snapshot("r1", "1"), T0);
        assertInstanceOf(ChangeLog.Skip.class, log.outcome("r1", T0).orElseThrow(), "the base is not announced");
        assertInstanceOf(ChangeLog.Skip.class, log.outcome("r0", T0.minusSeconds(5)).orElseThrow());
        assertTrue(log.outcome("r2", T0.plusSeconds(1)).isEmpty(), "not served yet: wait");
        assertTrue(log.awaitOutcome("r2", T0.plusSeconds(1), 1).isEmpty());
        log.swapped(snapshot("r1", "1"), snapshot("r3", "3"), T0.plusSeconds(2));
        assertInstanceOf(ChangeLog.Skip.class, log.outcome("r2", T0.plusSeconds(1)).orElseThrow(),
                "superseded by r3 before it was served");
        var deliver = assertInstanceOf(ChangeLog.Deliver.class, log.outcome("r3", T0.plusSeconds(2)).orElseThrow());
        assertEquals("r3", deliver.published().event().revision());
        assertInstanceOf(ChangeLog.Skip.class, log.outcome("rx", null).orElseThrow());
    }

    private static List<String> revisions(ChangeLog.Resume r) {
        return assertInstanceOf(ChangeLog.Backlog.class, r).events().stream().map(p -> p.event().revision()).toList();
    }
}
