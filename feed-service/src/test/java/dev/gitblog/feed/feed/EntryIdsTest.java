package dev.gitblog.feed.feed;

import dev.gitblog.events.NameUuids;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class EntryIdsTest {

    private static final String BASE = "981361ca-e71d-4997-a52c-baeee78e4156";

    @Test
    void uuid5MatchesTheRfc4122ReferenceValues() {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"), uuid.uuid5(uuid.NAMESPACE_URL, "http://localhost")
        assertEquals(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"),
                NameUuids.v5(NameUuids.NAMESPACE_DNS, "python.org"));
        assertEquals(5, NameUuids.v5(NameUuids.NAMESPACE_URL, "http://localhost").version());
        assertEquals(2, NameUuids.v5(NameUuids.NAMESPACE_URL, "http://localhost").variant());
    }

    @Test
    void canopyTestVectorsOfSection36() {
        assertEquals("urn:uuid:5df3be98-e030-59f0-ac7c-af8dc7278045",
                EntryIds.urn(EntryIds.canopy(BASE, Instant.parse("2016-04-01T16:41:56Z"))));
        assertEquals("urn:uuid:a8b636d2-11af-5f21-818d-b26d47f2fa0f",
                EntryIds.urn(EntryIds.canopy(BASE, Instant.parse("2016-07-12T15:40:22Z"))));
    }

    @Test
    void seedFixtureArticlesGetTheIdsListedInItsNotes() {
        // created times: fixtures/seed-blog/NOTES.md, "history.tsv and the dates"; ids: end of that section
        Map<String, String> expected = Map.of(
                "About", "urn:uuid:5df3be98-e030-59f0-ac7c-af8dc7278045",
                "Posts/BadRecordMac", "urn:uuid:e506f18b-6244-5319-94b2-5f2bc7963956",
                "Posts/BottomUp", "urn:uuid:784bcd58-a991-5f84-a8da-d1f65a08999f",
                "Posts/ARP", "urn:uuid:a8b636d2-11af-5f21-818d-b26d47f2fa0f",
                "Posts/Conex", "urn:uuid:932d4f1f-d65f-5faf-8806-1c4d66fe7706",
                "Posts/Albatross", "urn:uuid:cc7659d9-0cdb-5cbc-a949-d69784448f55");
        List<FeedInput.Article> seed = List.of(
                article("About", "2016-04-01T16:41:56Z"),
                article("Posts/BadRecordMac", "2016-05-03T12:27:09Z"),
                article("Posts/BottomUp", "2016-06-11T23:15:30Z"),
                article("Posts/ARP", "2016-07-12T15:40:22Z"),
                article("Posts/Conex", "2017-02-16T15:20:31Z"),
                article("Posts/Albatross", "2022-11-17T09:14:05Z"));
        assertEquals(expected, EntryIds.assign(BASE, seed));
    }

    @Test
    void tiesKeepTheCanopyIdForTheFirstAndDeriveTheOthersFromThePath() {
        FeedInput.Article b = article("Posts/B", "2016-07-12T15:40:22Z");
        FeedInput.Article a = article("Posts/A", "2016-07-12T15:40:22Z");
        FeedInput.Article c = article("Posts/C", "2016-07-12T15:40:22Z");
        Map<String, String> ids = EntryIds.assign(BASE, List.of(c, b, a));
        UUID canopy = UUID.fromString("a8b636d2-11af-5f21-818d-b26d47f2fa0f");
        assertEquals("urn:uuid:" + canopy, ids.get("Posts/C"));
        // Python: uuid.uuid5(uuid.UUID("a8b636d2-11af-5f21-818d-b26d47f2fa0f"), "Posts/B")
        assertEquals("urn:uuid:" + NameUuids.v5(canopy, "Posts/B"), ids.get("Posts/B"));
        assertEquals("urn:uuid:" + NameUuids.v5(canopy, "Posts/A"), ids.get("Posts/A"));
        assertEquals(3, ids.values().stream().distinct().count());
        assertNotEquals(ids.get("Posts/A"), ids.get("Posts/B"));
    }

    @Test
    void anAssignerGivesEachArticleTheIdOfTheWholeAssignmentWhicheverItIsAskedFor() {
        Instant t = Instant.parse("2016-07-12T10:00:00Z");
        List<FeedInput.Article> tieOrder = List.of(
                new FeedInput.Article("P/c", null, null, null, List.of(), t.plusMillis(900), null, "", null),
                new FeedInput.Article("P/b", null, null, null, List.of(), t, null, "", null),
                new FeedInput.Article("P/a", null, null, null, List.of(), t.minusSeconds(1), null, "", null));
        Map<String, String> all = EntryIds.assign(BASE, tieOrder);
        EntryIds.Assigner lazy = new EntryIds.Assigner(BASE, tieOrder);
        assertEquals(all.get("P/b"), lazy.id(tieOrder.get(1)), "asked first, still the second of its second");
        assertEquals(all.get("P/a"), lazy.id(tieOrder.get(2)));
        assertEquals(all.get("P/c"), lazy.id(tieOrder.get(0)));
        assertEquals(EntryIds.urn(EntryIds.canopy(BASE, t)), all.get("P/c"), "same second: the first keeps the Canopy id");
        assertNotEquals(all.get("P/c"), all.get("P/b"));
    }

    @Test
    void tieIdOfAKnownPathMatchesPython() {
        // python3 -c 'import uuid; print(uuid.uuid5(uuid.UUID("a8b636d2-11af-5f21-818d-b26d47f2fa0f"), "About"))'
        assertEquals(UUID.fromString("ded756c0-4f5c-5dac-b8d2-b5cdde4b31c6"),
                NameUuids.v5(UUID.fromString("a8b636d2-11af-5f21-818d-b26d47f2fa0f"), "About"));
    }

    private static FeedInput.Article article(String path, String created) {
        return new FeedInput.Article(path, "t", "a", null, List.of(), Instant.parse(created), null, "", null);
    }
}
