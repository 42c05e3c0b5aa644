package dev.gitblog.feed.events;

import dev.gitblog.events.FeedDocument;
import dev.gitblog.feed.feed.BuiltFeed;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedPublicationsTest {

    @Test
    void firstBuildSendsEverythingWithAtomLast() {
        FeedPublications p = new FeedPublications();
        List<FeedPublications.Outgoing> plan = p.plan(built("r1", "atom", "A1", "rss.xml", "R", "tags/x/atom", "X"));
        assertEquals(List.of("rss.xml", "tags/x/atom", "atom"), plan.stream().map(FeedPublications.Outgoing::path).toList());
    }

    @Test
    void unchangedFeedsAreNotResentButAtomOfANewRevisionIs() {
        FeedPublications p = new FeedPublications();
        p.plan(built("r1", "atom", "A1", "rss.xml", "R", "tags/x/atom", "X")).forEach(p::record);
        List<FeedPublications.Outgoing> plan = p.plan(built("r2", "atom", "A2", "rss.xml", "R", "tags/x/atom", "X2"));
        assertEquals(List.of("tags/x/atom", "atom"), plan.stream().map(FeedPublications.Outgoing::path).toList());
    }

    @Test
    void vanishedFeedsGetTombstonesBeforeAtom() {
        FeedPublications p = new FeedPublications();
        p.plan(built("r1", "atom", "A1", "tags/x/atom", "X", "tags/y/atom", "Y")).forEach(p::record);
        List<FeedPublications.Outgoing> plan = p.plan(built("r2", "atom", "A2", "tags/x/atom", "X"));
        assertEquals(2, plan.size());
        assertEquals("tags/y/atom", plan.get(0).path());
        assertTrue(plan.get(0).tombstone());
        assertEquals("atom", plan.get(1).path());
        plan.forEach(p::record);
        assertTrue(p.get("tags/y/atom").isEmpty());
    }

    @Test
    void aRestartThatLoadedTheSameAtomOfTheSameRevisionSendsNothing() {
        FeedPublications p = new FeedPublications();
        Map<String, BuiltFeed> docs = built("r1", "atom", "A1", "rss.xml", "R");
        docs.values().forEach(f -> p.loaded(f.path(), f.document()));
        p.loaded("tags/gone/atom", doc("tags/gone/atom", "r0", "G"));
        p.loaded("tags/gone/atom", null); // a tombstone read back later on the topic
        assertEquals(List.of(), p.plan(docs));
        List<FeedPublications.Outgoing> plan = p.plan(built("r1", "atom", "A1-different", "rss.xml", "R"));
        assertEquals(List.of("atom"), plan.stream().map(FeedPublications.Outgoing::path).toList());
    }

    @Test
    void aBodyChangedToTheSameLengthIsResentAndEveryBodyReadsBack() {
        FeedPublications p = new FeedPublications();
        String body = "<feed>" + "é€ 🐫 entry ".repeat(2_000) + "</feed>";
        p.plan(built("r1", "atom", "A1", "rss.xml", body)).forEach(p::record);
        assertEquals(body, p.get("rss.xml").orElseThrow().body(), "kept deflated, read back whole");
        assertEquals("", p.all().get(1).body(), "the list leaves bodies out");
        assertEquals("rss.xml", p.all().get(1).feedPath());

        String sameLength = body.replace("<feed>", "<deef>");
        assertEquals(List.of("rss.xml", "atom"),
                p.plan(built("r2", "atom", "A2", "rss.xml", sameLength)).stream()
                        .map(FeedPublications.Outgoing::path).toList());
        assertEquals(List.of("atom"), p.plan(built("r2", "atom", "A2", "rss.xml", body)).stream()
                .map(FeedPublications.Outgoing::path).toList(), "the same body is not resent");
    }

    @Test
    void aMediaTypeChangeAloneResendsTheFeed() {
        FeedPublications p = new FeedPublications();
        p.plan(built("r1", "atom", "A1", "feed.json", "{}")).forEach(p::record);
        Map<String, BuiltFeed> next = built("r1", "atom", "A1");
        next.put("feed.json", BuiltFeed.of(
                new FeedDocument(1, "feed.json", "r1", "application/feed+json", "{}", 1, List.of())));
        assertEquals(List.of("feed.json"), p.plan(next).stream().map(FeedPublications.Outgoing::path).toList());
    }

    private static Map<String, BuiltFeed> built(String revision, String... pathBody) {
        Map<String, BuiltFeed> out = new LinkedHashMap<>();
        for (int i = 0; i < pathBody.length; i += 2) {
            out.put(pathBody[i], BuiltFeed.of(doc(pathBody[i], revision, pathBody[i + 1])));
        }
        return out;
    }

    private static FeedDocument doc(String path, String revision, String body) {
        return new FeedDocument(1, path, revision, "application/atom+xml; charset=UTF-8", body, 1, List.of());
    }
}
