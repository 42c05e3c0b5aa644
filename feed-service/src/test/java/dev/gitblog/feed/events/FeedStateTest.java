package dev.gitblog.feed.events;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.RevisionMarker;
import dev.gitblog.feed.feed.FeedInput;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedStateTest {

    private static final Instant T = Instant.parse("2020-01-01T00:00:00Z");

    /** The rule itself is tested in events' SiteStateTest; this checks that FeedState applies it. */
    @Test
    void completenessIsTheSharedRuleWithoutAFeedCondition() {
        FeedState s = new FeedState();
        assertFalse(s.complete());
        s.marker(marker("r2", List.of("P/a"), List.of(), 1));
        s.entry("P/a", article("P/a", "r2", "h2"));
        assertEquals(List.of("fragment of P/a for content h2"), s.missing(10));
        s.fragment("P/a", fragment("P/a", "h2"));
        assertTrue(s.complete(), "no feed of its own is needed");
        assertEquals(1, s.entryCount());
    }

    @Test
    void inputCarriesConfigArticlesAndFragmentsAndSkipsOtherKinds() {
        FeedState s = new FeedState();
        s.entry(".config/blog_name", config(".config/blog_name", "Blog", "r1"));
        s.entry(".config/root", config(".config/root", "https://r", "r1"));
        s.entry("P/a", article("P/a", "r1", "h1"));
        s.entry("static/x.css", new Entry(1, "static/x.css", EntryKind.STATIC, "r1", "hs", T, T, null, null, null,
                new Entry.StaticAsset("text/css", 3), null, null));
        s.fragment("P/a", fragment("P/a", "h1"));
        s.marker(marker("r1", List.of(), List.of(), 4));
        FeedInput input = s.input();
        assertEquals("Blog", input.site().blogName());
        assertEquals("https://r", input.site().root());
        assertNull(input.site().uuid(), "no .config/uuid: docs/DECISIONS.md Decision 11 applies downstream");
        assertEquals(T.plusSeconds(60), input.headTime());
        assertEquals(1, input.articles().size());
        FeedInput.Article a = input.articles().get(0);
        assertEquals("<p>h1</p>\n", a.bodyHtml());
        assertEquals("<p>abstract</p>\n", a.abstractHtml());
        assertEquals(List.of("x", "y"), a.tags());
    }

    @Test
    void onlyTheFeaturedArticlesGetTheirBodyBackAndNoMarkdownIsKept() {
        FeedState s = new FeedState();
        String unicode = "<p>caf\u00e9 \u2014 \ud83d\ude00 &amp; more</p>\n".repeat(200);
        s.entry("P/a", article("P/a", "r1", "h1"));
        s.entry("P/b", article("P/b", "r1", "h2"));
        s.fragment("P/a", new Fragment(1, "P/a", "r", "h1", "k", unicode, null, "", null, null, null, null));
        s.fragment("P/b", fragment("P/b", "h2"));
        s.marker(marker("r1", List.of(), List.of(), 2));
        FeedInput input = s.input(articles -> java.util.Set.of("P/a"));
        java.util.Map<String, String> bodies = new java.util.HashMap<>();
        input.articles().forEach(a -> bodies.put(a.path(), a.bodyHtml()));
        assertEquals(unicode, bodies.get("P/a"), "inflated back byte for byte");
        assertEquals("", bodies.get("P/b"), "not featured: no body");
        assertEquals("<p>h2</p>\n", s.input().articles().stream().filter(a -> a.path().equals("P/b"))
                .findFirst().orElseThrow().bodyHtml(), "input() gives every body");
        s.fragment("P/a", null);
        assertEquals("", s.input().articles().stream().filter(a -> a.path().equals("P/a"))
                .findFirst().orElseThrow().bodyHtml(), "a tombstone drops the body");
    }

    @Test
    void aBodyIsInflatedOnceWhileItsFragmentStaysAndAgainWhenTheFragmentChanges() {
        FeedState s = new FeedState();
        s.entry("P/a", article("P/a", "r1", "h1"));
        s.fragment("P/a", fragment("P/a", "h1"));
        s.marker(marker("r1", List.of(), List.of(), 1));
        String first = s.input().articles().get(0).bodyHtml();
        String again = s.input().articles().get(0).bodyHtml();
        assertSame(first, again, "the same fragment: the text of the last build, compared by reference");
        s.entry("P/a", article("P/a", "r2", "h2"));
        s.fragment("P/a", fragment("P/a", "h2"));
        s.marker(marker("r2", List.of("P/a"), List.of(), 1));
        assertEquals("<p>h2</p>\n", s.input().articles().get(0).bodyHtml(), "a new fragment: its own text");
    }

    @Test
    void onlyTheCandidatesKeepTheirBodiesAndAnOmittedOneIsReadBackOnceFeatured() {
        FeedState s = new FeedState();
        assertTrue(s.keepsBody("P/a"), "no candidates known yet: every body is kept");
        s.entry("P/a", article("P/a", "r1", "h1"));
        s.entry("P/b", article("P/b", "r1", "h2"));
        s.entry("P/c", article("P/c", "r1", "h3"));
        s.fragment("P/c", fragment("P/c", "h3"));
        s.keepCandidates(articles -> Set.of("P/a"));
        assertTrue(s.keepsBody("P/a"));
        assertFalse(s.keepsBody("P/b"), "known and not a candidate");
        assertTrue(s.keepsBody("P/new"), "its entry has not come: kept, whatever it turns out to be");
        s.fragment("P/a", fragment("P/a", "h1"));
        s.fragmentWithoutBody("P/b", withoutBody(fragment("P/b", "h2")));
        s.marker(marker("r1", List.of(), List.of(), 3));
        assertTrue(s.complete(), "a fragment without its body completes the revision as any other");

        assertEquals(Set.of(), s.bodiesToReadBack(Set.of("P/a")));
        assertEquals(Set.of("P/b", "P/c"), s.bodiesToReadBack(Set.of("P/a", "P/b", "P/c")),
                "P/c's body was dropped when the candidates were taken");
        assertThrows(IllegalStateException.class, () -> s.input(articles -> Set.of("P/b")),
                "a featured body that is not here is never written as an empty one");

        assertFalse(s.restoreBody("P/b", fragment("P/b", "h-other")), "another version of P/b: not taken");
        assertFalse(s.restoreBody("P/a", fragment("P/a", "h1")), "P/a's body was never left out");
        assertTrue(s.restoreBody("P/b", fragment("P/b", "h2")));
        assertEquals(Set.of(), s.bodiesToReadBack(Set.of("P/b")));
        assertEquals("<p>h2</p>\n", s.input(articles -> Set.of("P/b")).articles().stream()
                .filter(a -> a.path().equals("P/b")).findFirst().orElseThrow().bodyHtml());

        s.fragment("P/c", null);
        assertEquals(Set.of(), s.bodiesToReadBack(null), "a tombstone leaves nothing to read back");
    }

    @Test
    void theCandidatesAreTakenAgainOnlyAfterAnEntryCame() {
        FeedState s = new FeedState();
        java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        s.keepCandidates(articles -> {
            taken.incrementAndGet();
            return articles.size() > 1 ? Set.of("P/b") : Set.of("P/a");
        });
        s.entry("P/a", article("P/a", "r1", "h1"));
        s.fragment("P/a", fragment("P/a", "h1"));
        assertTrue(s.keepsBody("P/a"));
        assertTrue(s.keepsBody("P/a"));
        assertEquals(1, taken.get(), "no entry came in between");
        s.entry("P/b", article("P/b", "r1", "h2"));
        assertFalse(s.keepsBody("P/a"), "taken again after an entry came");
        assertEquals(2, taken.get());
        assertEquals(Set.of("P/a"), s.bodiesToReadBack(Set.of("P/a")), "P/a's body was dropped then");
    }

    static Fragment withoutBody(Fragment f) {
        return new Fragment(f.schemaVersion(), f.path(), f.revision(), f.contentHash(), f.renderKey(), null,
                f.abstractHtml(), f.excerpt(), f.headings(), f.localLinks(), f.localImages(), f.error());
    }

    static Entry article(String path, String revision, String hash) {
        return new Entry(1, path, EntryKind.ARTICLE, revision, hash, T, T, new Entry.Article("t", "a", null, "abs",
                List.of("x", "y"), null, "md", "commonmark"), null, null, null, null, null);
    }

    static Entry config(String path, String value, String revision) {
        return new Entry(1, path, EntryKind.CONFIG, revision, "h" + path, T, T, null, null, new Entry.Config(value),
                null, null, null);
    }

    static Fragment fragment(String path, String hash) {
        return new Fragment(1, path, "r", hash, "k", "<p>" + hash + "</p>\n", "<p>abstract</p>\n", "", null, null,
                null, null);
    }

    static RevisionMarker marker(String revision, List<String> changed, List<String> removed, int count) {
        return new RevisionMarker(1, "blog", revision, null, T.plusSeconds(60), changed, removed, count, T);
    }
}
