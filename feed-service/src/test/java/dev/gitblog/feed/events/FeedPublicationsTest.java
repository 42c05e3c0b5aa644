package dev.gitblog.feed.events;

import dev.gitblog.events.FeedDocument;
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
        Map<String, FeedDocument> docs = built("r1", "atom", "A1", "rss.xml", "R");
        docs.values().forEach(d -> p.loaded(d.feedPath(), d));
        p.loaded("tags/gone/atom", doc("tags/gone/atom", "r0", "G"));
        p.loaded("tags/gone/atom", null); // a tombstone read back later on the topic
        assertEquals(List.of(), p.plan(docs));
        List<FeedPublications.Outgoing> plan = p.plan(built("r1", "atom", "A1-different", "rss.xml", "R"));
        assertEquals(List.of("atom"), plan.stream().map(FeedPublications.Outgoing::path).toList());
    }

    private static Map<String, FeedDocument> built(String revision, String... pathBody) {
        Map<String, FeedDocument> out = new LinkedHashMap<>();
        for (int i = 0; i < pathBody.length; i += 2) {
            out.put(pathBody[i], doc(pathBody[i], revision, pathBody[i + 1]));
        }
        return out;
    }

    private static FeedDocument doc(String path, String revision, String body) {
        return new FeedDocument(1, path, revision, "application/atom+xml; charset=UTF-8", body, 1, List.of());
    }
}
