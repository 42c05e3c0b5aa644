package dev.gitblog.feed.feed;

import dev.gitblog.events.FeedDocument;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class FeedBuilderTest {

    @Test
    void buildsEveryFeedWithMediaTypesRevisionAndCountsAtomLast() {
        Map<String, FeedDocument> docs = documents(new FeedBuilder(10).build(SmallBlog.input(), "rev1"));
        assertEquals(List.of("rss.xml", "feed.json",
                "tags/mirageos/rss.xml", "tags/mirageos/feed.json", "tags/mirageos/atom",
                "tags/package signing/rss.xml", "tags/package signing/feed.json", "tags/package signing/atom",
                "tags/security/rss.xml", "tags/security/feed.json", "tags/security/atom", "atom"),
                List.copyOf(docs.keySet()));
        assertEquals("application/rss+xml; charset=UTF-8", docs.get("tags/security/rss.xml").mediaType());
        assertEquals("application/feed+json; charset=UTF-8", docs.get("tags/security/feed.json").mediaType());
        assertEquals("application/rss+xml; charset=UTF-8", docs.get("rss.xml").mediaType());
        assertEquals("application/feed+json; charset=UTF-8", docs.get("feed.json").mediaType());
        assertEquals("application/atom+xml; charset=UTF-8", docs.get("tags/security/atom").mediaType());
        assertEquals(3, docs.get("atom").entryCount());
        assertEquals(2, docs.get("tags/mirageos/atom").entryCount());
        docs.values().forEach(d -> assertEquals("rev1", d.revision()));
        assertEquals(SmallBlog.resource("atom"), docs.get("atom").body());
    }

    @Test
    void rewritesOnlyTheFeedsAChangeTouches() {
        FeedBuilder builder = new FeedBuilder(10);
        Map<String, BuiltFeed> firstBuild = builder.build(SmallBlog.input(), "r1");
        Map<String, FeedDocument> first = documents(firstBuild);
        assertEquals(12, builder.lastWritten(), "site rss, json, atom and three per tag");

        Map<String, BuiltFeed> second = builder.build(SmallBlog.input(), "r2");
        assertEquals(0, builder.lastWritten(), "same input, nothing rewritten");
        assertEquals(firstBuild.get("rss.xml").digest(), second.get("rss.xml").digest(), "the digest is kept");
        assertEquals(first.get("rss.xml").body(), second.get("rss.xml").document().body(),
                "a reused feed is written again, the same, when its body is asked for");
        assertEquals("", second.get("rss.xml").withoutBody().body(), "the builder keeps no text");
        assertEquals("r2", second.get("rss.xml").withoutBody().revision());

        FeedInput laterHead = new FeedInput(SmallBlog.input().site(), SmallBlog.HEAD.plusSeconds(60),
                SmallBlog.input().articles());
        Map<String, FeedDocument> third = documents(builder.build(laterHead, "r3"));
        assertEquals(1, builder.lastWritten(), "only atom carries the head date");
        assertNotEquals(first.get("atom").body(), third.get("atom").body());
        assertEquals(first.get("rss.xml").body(), third.get("rss.xml").body());

        FeedInput.Article edited = new FeedInput.Article(SmallBlog.FIRST.path(), SmallBlog.FIRST.title(),
                SmallBlog.FIRST.author(), null, SmallBlog.FIRST.tags(), SmallBlog.FIRST.created(),
                SmallBlog.FIRST.updated(), "<p>edited</p>\n", SmallBlog.FIRST.abstractHtml());
        FeedInput changed = new FeedInput(laterHead.site(), laterHead.headTime(),
                List.of(edited, SmallBlog.SECOND, SmallBlog.ABOUT));
        Map<String, FeedDocument> fourth = documents(builder.build(changed, "r4"));
        // rss.xml, feed.json, atom, and the three feeds of each tag of Posts/First (mirageos, package signing)
        assertEquals(9, builder.lastWritten());
        assertEquals(third.get("tags/security/atom").body(), fourth.get("tags/security/atom").body());
        assertEquals("r4", fourth.get("tags/security/atom").revision());
    }

    @Test
    void aBuildThatWritesManyFeedsInParallelGivesWhatOneInOrderGives() {
        // 40 articles with a tag each: 123 feeds, written in parallel from 32 changed feeds on
        List<FeedInput.Article> articles = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            articles.add(new FeedInput.Article("Posts/p" + i, "Post " + i, "hannes", null, List.of("tag" + i),
                    SmallBlog.HEAD.minusSeconds(3600L * i), SmallBlog.HEAD.minusSeconds(3600L * i),
                    "<p>body " + i + "</p>\n", null));
        }
        FeedInput input = new FeedInput(SmallBlog.input().site(), SmallBlog.HEAD, articles);
        FeedBuilder parallel = new FeedBuilder(10, null, 2);
        FeedBuilder inOrder = new FeedBuilder(10, null, Integer.MAX_VALUE);
        Map<String, BuiltFeed> a = parallel.build(input, "r1");
        Map<String, BuiltFeed> b = inOrder.build(input, "r1");
        assertEquals(123, parallel.lastWritten());
        assertEquals(List.copyOf(b.keySet()), List.copyOf(a.keySet()), "the same feeds in the same order");
        b.forEach((path, feed) -> {
            assertEquals(feed.digest(), a.get(path).digest(), path);
            assertEquals(feed.document(), a.get(path).document(), path);
        });

        FeedInput.Article edited = new FeedInput.Article("Posts/p7", "Post 7, edited", "hannes", null,
                List.of("tag7"), SmallBlog.HEAD.minusSeconds(3600L * 7), SmallBlog.HEAD, "<p>body 7</p>\n", null);
        List<FeedInput.Article> next = new java.util.ArrayList<>(articles);
        next.set(7, edited);
        FeedInput changed = new FeedInput(input.site(), SmallBlog.HEAD, next);
        Map<String, BuiltFeed> c = parallel.build(changed, "r2");
        assertEquals(6, parallel.lastWritten(), "the site's three feeds and tag7's three");
        assertEquals(inOrder.build(changed, "r2").get("atom").document(), c.get("atom").document());
    }

    private static Map<String, FeedDocument> documents(Map<String, BuiltFeed> built) {
        Map<String, FeedDocument> out = new LinkedHashMap<>();
        built.forEach((path, feed) -> out.put(path, feed.document()));
        return out;
    }
}
