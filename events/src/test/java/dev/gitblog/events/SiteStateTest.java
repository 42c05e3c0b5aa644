package dev.gitblog.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiteStateTest {

    private static final Instant T = Instant.parse("2020-01-01T00:00:00Z");

    @Test
    void noMarkerIsNeverComplete() {
        SiteState s = new SiteState();
        assertFalse(s.complete());
        assertEquals(List.of("no revision marker received yet"), s.missing(5));
    }

    @Test
    void completeNeedsCountChangedRevisionsRemovalsAndFragmentsOfTheSameContent() {
        SiteState s = new SiteState();
        s.marker(marker("r2", List.of("P/a", ".config/uuid"), List.of("P/old"), 2));
        s.entry("P/old", article("P/old", "r1", "h0"));
        s.entry("P/a", article("P/a", "r1", "h1"));
        s.entry(".config/uuid", config(".config/uuid", "r2"));
        assertEquals(List.of("entries: holding 3 of 2", "entry P/a at revision r2", "removal of P/old",
                "fragment of P/a for content h1", "fragment of P/old for content h0"), s.missing(10));

        s.entry("P/old", null);
        s.entry("P/a", article("P/a", "r2", "h2"));
        assertEquals(List.of("fragment of P/a for content h2"), s.missing(10));
        s.fragment("P/a", fragment("P/a", "h1"));
        assertFalse(s.complete(), "a fragment of the previous content does not count");
        s.fragment("P/a", fragment("P/a", "h2"));
        assertTrue(s.complete());
        assertEquals(List.of(), s.missing(10));
    }

    @Test
    void anEntryAlreadyAtALaterRevisionWaitsForItsOwnMarker() {
        SiteState s = new SiteState();
        s.entry("P/a", article("P/a", "r3", "h3"));
        s.fragment("P/a", fragment("P/a", "h3"));
        s.marker(marker("r2", List.of("P/a"), List.of(), 1));
        assertEquals(List.of("entry P/a at revision r2"), s.missing(10));
        s.marker(marker("r3", List.of("P/a"), List.of(), 1));
        assertTrue(s.complete());
    }

    @Test
    void aRemovedPathThatComesBackIsPendingAgain() {
        SiteState s = new SiteState();
        s.marker(marker("r2", List.of(), List.of("P/x"), 0));
        assertTrue(s.complete());
        s.entry("P/x", config("P/x", "r1"));
        assertEquals(List.of("entries: holding 1 of 0", "removal of P/x"), s.missing(10));
        s.entry("P/x", null);
        assertTrue(s.complete());
    }

    @Test
    void missingStopsAtTheLimitAndRevisionsAreShortened() {
        SiteState s = new SiteState();
        String rev = "0123456789abcdef0123456789abcdef01234567";
        s.marker(marker(rev, List.of("a", "b", "c", "d"), List.of(), 4));
        assertEquals(5, s.missing(10).size(), "count + four changed paths");
        assertEquals(List.of("entries: holding 0 of 4", "entry a at revision 0123456789ab"), s.missing(2));
    }

    @Test
    void aNewerMarkerIsTheOneAimedAt() {
        SiteState s = new SiteState();
        s.entry("P/a", article("P/a", "r1", "h1"));
        s.fragment("P/a", fragment("P/a", "h1"));
        s.marker(marker("r1", List.of("P/a"), List.of(), 1));
        assertTrue(s.complete());
        s.marker(marker("r2", List.of("P/a"), List.of(), 1));
        assertFalse(s.complete());
        assertEquals("r2", s.newest().revision());
    }

    /**
     * The incremental bookkeeping agrees with the rule of docs/PIPELINE.md evaluated from scratch, after
     * every record of many random interleavings of entries, fragments, tombstones and markers.
     */
    @Test
    void agreesWithTheRuleEvaluatedFromScratchOverRandomRecordOrders() {
        Random random = new Random(42);
        List<String> paths = List.of("P/a", "P/b", "P/c", ".config/x", "static/s.css", "P/d");
        List<String> revisions = List.of("r1", "r2", "r3");
        for (int run = 0; run < 300; run++) {
            SiteState s = new SiteState();
            Map<String, Entry> entries = new HashMap<>();
            Map<String, Fragment> fragments = new HashMap<>();
            RevisionMarker newest = null;
            for (int step = 0; step < 60; step++) {
                String path = paths.get(random.nextInt(paths.size()));
                String rev = revisions.get(random.nextInt(revisions.size()));
                String hash = "h" + random.nextInt(3);
                switch (random.nextInt(5)) {
                    case 0, 1 -> {
                        Entry e = path.startsWith("P/") ? article(path, rev, hash) : config(path, rev);
                        s.entry(path, e);
                        entries.put(path, e);
                    }
                    case 2 -> {
                        s.entry(path, null);
                        entries.remove(path);
                    }
                    case 3 -> {
                        Fragment f = random.nextInt(4) == 0 ? null : fragment(path, hash);
                        s.fragment(path, f);
                        if (f == null) {
                            fragments.remove(path);
                        } else {
                            fragments.put(path, f);
                        }
                    }
                    default -> {
                        List<String> changed = new ArrayList<>();
                        List<String> removed = new ArrayList<>();
                        for (String p : paths) {
                            int pick = random.nextInt(3);
                            if (pick == 0) {
                                changed.add(p);
                            } else if (pick == 1) {
                                removed.add(p);
                            }
                        }
                        newest = marker(rev, changed, removed, random.nextInt(paths.size() + 1));
                        s.marker(newest);
                    }
                }
                boolean expected = completeFromScratch(newest, entries, fragments);
                assertEquals(expected, s.complete(), "run " + run + " step " + step);
                assertEquals(expected, s.missing(100).isEmpty(), "run " + run + " step " + step);
            }
        }
    }

    /** docs/PIPELINE.md, "A marker M is complete", literally. */
    private static boolean completeFromScratch(RevisionMarker m, Map<String, Entry> entries,
            Map<String, Fragment> fragments) {
        if (m == null || entries.size() != m.entryCount()) {
            return false;
        }
        for (String p : m.changedPaths()) {
            Entry e = entries.get(p);
            if (e == null || !Objects.equals(e.revision(), m.revision())) {
                return false;
            }
        }
        for (String p : m.removedPaths()) {
            if (entries.containsKey(p)) {
                return false;
            }
        }
        for (Entry e : entries.values()) {
            Fragment f = fragments.get(e.path());
            if (e.kind() == EntryKind.ARTICLE && (f == null || !Objects.equals(f.contentHash(), e.contentHash()))) {
                return false;
            }
        }
        return true;
    }

    static Entry article(String path, String revision, String hash) {
        return new Entry(1, path, EntryKind.ARTICLE, revision, hash, T, T, new Entry.Article("t", "a", null, "abs",
                List.of("x"), null, "md", "commonmark"), null, null, null, null, null);
    }

    static Entry config(String path, String revision) {
        return new Entry(1, path, EntryKind.CONFIG, revision, "h" + path, T, T, null, null, new Entry.Config("v"),
                null, null, null);
    }

    static Fragment fragment(String path, String hash) {
        return new Fragment(1, path, "r", hash, "k", "<p>" + hash + "</p>\n", null, "", null, null, null, null);
    }

    static RevisionMarker marker(String revision, List<String> changed, List<String> removed, int count) {
        return new RevisionMarker(1, "blog", revision, null, T.plusSeconds(60), changed, removed, count, T);
    }
}
