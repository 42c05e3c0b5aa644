package dev.gitblog.feed.feed;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedPlannerTest {

    @Test
    void smallBlogHasSiteFeedsThreeFeedsPerTagAndAtomLast() {
        List<FeedSpec> feeds = new FeedPlanner(10).plan(SmallBlog.input());
        assertEquals(List.of("rss.xml", "feed.json",
                "tags/mirageos/rss.xml", "tags/mirageos/feed.json", "tags/mirageos/atom",
                "tags/package signing/rss.xml", "tags/package signing/feed.json", "tags/package signing/atom",
                "tags/security/rss.xml", "tags/security/feed.json", "tags/security/atom", "atom"),
                feeds.stream().map(FeedSpec::path).toList());
        assertEquals(List.of(FeedFormat.RSS, FeedFormat.JSON, FeedFormat.RSS, FeedFormat.JSON, FeedFormat.ATOM,
                FeedFormat.RSS, FeedFormat.JSON, FeedFormat.ATOM, FeedFormat.RSS, FeedFormat.JSON, FeedFormat.ATOM,
                FeedFormat.ATOM), feeds.stream().map(FeedSpec::format).toList());
    }

    @Test
    void perTagRssAndJsonFeedHoldWhatTheTagsAtomHolds() {
        List<FeedSpec> feeds = new FeedPlanner(10).plan(SmallBlog.input());
        FeedSpec atom = SmallBlog.spec(feeds, "tags/package signing/atom");
        for (String name : List.of("rss.xml", "feed.json")) {
            FeedSpec other = SmallBlog.spec(feeds, "tags/package signing/" + name);
            assertEquals("https://blog.example/tags/package%20signing/" + name, other.selfLink());
            assertEquals("https://blog.example/tags/package%20signing", other.siteLink());
            assertEquals(atom.id(), other.id());
            assertEquals(atom.title(), other.title());
            assertEquals(atom.updated(), other.updated());
            assertEquals(atom.items(), other.items());
        }
    }

    @Test
    void tagFeedHasItsOwnIdItsEntriesNewestUpdatedAndItsSelfLink() {
        List<FeedSpec> feeds = new FeedPlanner(10).plan(SmallBlog.input());
        FeedSpec signing = SmallBlog.spec(feeds, "tags/package signing/atom");
        // Python: uuid.uuid5(uuid.UUID("981361ca-e71d-4997-a52c-baeee78e4156"), "tags/package signing")
        assertEquals("urn:uuid:5156425c-d887-5183-be6a-47e4d0fa18da", signing.id());
        assertEquals("https://blog.example/tags/package%20signing/atom", signing.selfLink());
        assertEquals(List.of("Posts/First"), signing.items().stream().map(i -> i.article().path()).toList());
        assertEquals(SmallBlog.FIRST.updated(), signing.updated(), "not the head time: unrelated pushes leave it alone");
        assertEquals(SmallBlog.SECOND.updated(), SmallBlog.spec(feeds, "rss.xml").updated());
        assertEquals(SmallBlog.SECOND.updated(), SmallBlog.spec(feeds, "feed.json").updated());
        assertEquals(SmallBlog.HEAD, SmallBlog.spec(feeds, "atom").updated(), "only atom carries the head commit date");
        FeedSpec security = SmallBlog.spec(feeds, "tags/security/atom");
        assertEquals("urn:uuid:7822f312-470f-5edd-a00f-845032ddd631", security.id());
    }

    @Test
    void entryIdsAreTheSameInEveryFeed() {
        List<FeedSpec> feeds = new FeedPlanner(10).plan(SmallBlog.input());
        String inAtom = SmallBlog.spec(feeds, "atom").items().stream()
                .filter(i -> i.article().path().equals("Posts/Second one")).findFirst().orElseThrow().id();
        String inTag = SmallBlog.spec(feeds, "tags/security/atom").items().get(0).id();
        assertEquals("urn:uuid:a8b636d2-11af-5f21-818d-b26d47f2fa0f", inAtom);
        assertEquals(inAtom, inTag, "a tie is resolved over the whole site, not per feed");
    }

    @Test
    void feedsHoldTheNewestSizeArticlesWithTiesInDescendingKeyOrder() {
        List<FeedInput.Article> articles = new ArrayList<>();
        Instant t = Instant.parse("2020-01-01T00:00:00Z");
        for (int i = 0; i < 12; i++) {
            articles.add(article("Posts/p" + i, t.plusSeconds(i * 60L), List.of("t")));
        }
        articles.add(article("Posts/tieA", t.plusSeconds(11 * 60L), List.of()));
        articles.add(article("Posts/tieB", t.plusSeconds(11 * 60L), List.of()));
        FeedInput input = new FeedInput(new FeedInput.Site("b", "https://b", SmallBlog.UUID), t, articles);
        FeedSpec atom = SmallBlog.spec(new FeedPlanner(4).plan(input), "atom");
        assertEquals(List.of("Posts/tieB", "Posts/tieA", "Posts/p11", "Posts/p10"),
                atom.items().stream().map(i -> i.article().path()).toList());
        assertEquals(4, SmallBlog.spec(new FeedPlanner(4).plan(input), "tags/t/atom").items().size());
        assertEquals(10, SmallBlog.spec(new FeedPlanner(10).plan(input), "rss.xml").items().size());
    }

    @Test
    void eachTagFeedHoldsTheNewestArticlesOfThatTagAndAnArticleOnceWhenItsHeaderRepeatsTheTag() {
        Instant t = Instant.parse("2020-01-01T00:00:00Z");
        List<FeedInput.Article> articles = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            articles.add(article("Posts/p" + i, t.plusSeconds(i * 60L), i % 2 == 0 ? List.of("even", "all", "even")
                    : List.of("all")));
        }
        FeedInput input = new FeedInput(new FeedInput.Site("b", "https://b", SmallBlog.UUID), t, articles);
        List<FeedSpec> feeds = new FeedPlanner(2).plan(input);
        assertEquals(List.of("Posts/p4", "Posts/p2"), SmallBlog.spec(feeds, "tags/even/atom").items().stream()
                .map(i -> i.article().path()).toList());
        assertEquals(List.of("Posts/p5", "Posts/p4"), SmallBlog.spec(feeds, "tags/all/rss.xml").items().stream()
                .map(i -> i.article().path()).toList());
    }

    @Test
    void emptyTagsGetNoFeedAndOddTagsGetSafePaths() {
        FeedInput input = new FeedInput(new FeedInput.Site("b", "https://b", SmallBlog.UUID), SmallBlog.HEAD,
                List.of(article("P/a", SmallBlog.HEAD, List.of("", "a/b", "..", "50%"))));
        List<String> paths = new FeedPlanner(10).plan(input).stream().map(FeedSpec::path).toList();
        assertEquals(List.of("rss.xml", "feed.json", "tags/%2E%2E/atom", "tags/50%25/atom", "tags/a%2Fb/atom", "atom"),
                paths.stream().filter(p -> !p.endsWith("/rss.xml") && !p.endsWith("/feed.json")).toList());
        assertTrue(paths.contains("tags/a%2Fb/rss.xml") && paths.contains("tags/%2E%2E/feed.json"), paths.toString());
        FeedSpec slash = SmallBlog.spec(new FeedPlanner(10).plan(input), "tags/a%2Fb/atom");
        assertEquals("https://b/tags/a%2Fb/atom", slash.selfLink());
        assertTrue(slash.items().get(0).categories().contains(new FeedSpec.Category("a/b", "https://b/tags/a%2Fb")));
    }

    @Test
    void aRootWrittenWithATrailingSlashGivesNoDoubleSlash() {
        FeedInput input = new FeedInput(new FeedInput.Site("b", "https://b/blog/ \n", SmallBlog.UUID), SmallBlog.HEAD,
                List.of(article("Posts/a", SmallBlog.HEAD, List.of("t"))));
        List<FeedSpec> specs = new FeedPlanner(10).plan(input);
        FeedSpec atom = SmallBlog.spec(specs, "atom");
        assertEquals("https://b/blog/atom", atom.selfLink());
        assertEquals("https://b/blog/Posts/a", atom.items().get(0).link());
        assertEquals("https://b/blog/tags/t/atom", SmallBlog.spec(specs, "tags/t/atom").selfLink());
        assertEquals("https://b/blog/", SmallBlog.spec(specs, "rss.xml").siteLink());
    }

    @Test
    void aBlogWithoutArticlesStillHasItsSiteFeeds() {
        FeedInput input = new FeedInput(new FeedInput.Site(null, null, SmallBlog.UUID), SmallBlog.HEAD, List.of());
        List<FeedSpec> feeds = new FeedPlanner(10).plan(input);
        assertEquals(List.of("rss.xml", "feed.json", "atom"), feeds.stream().map(FeedSpec::path).toList());
        FeedSpec atom = SmallBlog.spec(feeds, "atom");
        assertEquals("Canopy", atom.title());
        assertEquals("http://localhost/atom", atom.selfLink());
    }

    @Test
    void sizeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new FeedPlanner(0));
    }

    @Test
    void featuredNamesExactlyTheArticlesThatSomeFeedHolds() {
        java.util.Random random = new java.util.Random(42);
        List<FeedInput.Article> articles = new ArrayList<>();
        Instant t = Instant.parse("2020-01-01T00:00:00Z");
        List<String> tagNames = List.of("a", "b", "c", "d", "e", "f", "g");
        for (int i = 0; i < 400; i++) {
            List<String> tags = new ArrayList<>();
            for (String tag : tagNames) {
                if (random.nextInt(5) == 0) {
                    tags.add(tag);
                }
            }
            articles.add(article("Posts/p" + i, t.plusSeconds(random.nextInt(100_000)), tags));
        }
        FeedInput input = new FeedInput(new FeedInput.Site("b", "https://b", SmallBlog.UUID), t, articles);
        FeedPlanner planner = new FeedPlanner(10);
        java.util.Set<String> inFeeds = new java.util.HashSet<>();
        planner.plan(input).forEach(f -> f.items().forEach(i -> inFeeds.add(i.article().path())));
        assertEquals(inFeeds, planner.featured(articles));
        assertTrue(inFeeds.size() < 100, "a few of 400: " + inFeeds.size());
        java.util.Set<String> candidates = planner.candidates(articles);
        assertTrue(candidates.containsAll(inFeeds), "every featured article is a candidate");
        assertEquals(new FeedPlanner(20).featured(articles), candidates, "two feeds' worth of each");
        assertTrue(candidates.size() < 200 && candidates.size() > inFeeds.size(), "of 400: " + candidates.size());
    }

    private static FeedInput.Article article(String path, Instant created, List<String> tags) {
        return new FeedInput.Article(path, "t", "a", null, tags, created, null, "<p>x</p>\n", null);
    }
}
