package dev.gitblog.feed.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class JsonFeedWriterTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final FeedPlanner planner = new FeedPlanner(10);
    private final JsonFeedWriter writer = new JsonFeedWriter();

    @Test
    void smallBlogMatchesTheHandWrittenFixture() throws Exception {
        String json = writer.write(SmallBlog.spec(planner.plan(SmallBlog.input()), "feed.json"));
        assertEquals(mapper.readTree(SmallBlog.resource("feed.json")), mapper.readTree(json));
    }

    @Test
    void itemsCarryTheAtomIdsAndIsoDates() throws Exception {
        JsonNode feed = mapper.readTree(writer.write(SmallBlog.spec(planner.plan(SmallBlog.input()), "feed.json")));
        assertEquals("https://jsonfeed.org/version/1.1", feed.get("version").asText());
        JsonNode items = feed.get("items");
        assertEquals(3, items.size());
        String atom = new AtomFeedWriter().write(SmallBlog.spec(planner.plan(SmallBlog.input()), "atom"));
        for (JsonNode item : items) {
            String id = item.get("id").asText();
            assertEquals(true, atom.contains("<id>" + id + "</id>"), id + " is an Atom entry id");
            Instant.parse(item.get("date_published").asText());
            Instant.parse(item.get("date_modified").asText());
        }
        assertNull(items.get(0).get("summary"), "no abstract, no summary");
    }

    @Test
    void hostileTextStaysValidJson() throws Exception {
        String hostile = "\"}\n<x> \\ \u0001 \ud800";
        FeedInput.Article a = new FeedInput.Article("P/x", hostile, hostile, null, List.of(hostile),
                Instant.parse("2020-01-01T00:00:00Z"), null, hostile, "<p>" + hostile + "</p>");
        FeedInput input = new FeedInput(new FeedInput.Site(hostile, "https://h.example", SmallBlog.UUID),
                Instant.parse("2020-01-02T00:00:00Z"), List.of(a));
        JsonNode feed = mapper.readTree(writer.write(SmallBlog.spec(planner.plan(input), "feed.json")));
        JsonNode item = feed.get("items").get(0);
        assertEquals("\"}\n<x> \\ \ufffd \ufffd", item.get("title").asText());
        assertEquals("\"}\n<x> \\ \ufffd \ufffd", item.get("tags").get(0).asText());
        assertFalse(item.get("summary").asText().contains("<p>"));
    }

    @Test
    void plainTextOfAnAbstract() {
        assertEquals("Short & sweet. Next", JsonFeedWriter.plainText("<p>Short &amp; <em>sweet</em>.</p>\n<p>Next</p>\n"));
        assertNull(JsonFeedWriter.plainText("<p></p>"));
    }

    @Test
    void hostileAuthorUrlsAreLeftOut() throws Exception {
        FeedInput input = AtomFeedWriterTest.hostileAuthorUrls();
        String json = writer.write(SmallBlog.spec(new FeedPlanner(100).plan(input), "feed.json"));
        JsonNode items = mapper.readTree(json).get("items");
        assertEquals(input.articles().size(), items.size());
        int withUrl = 0;
        for (JsonNode item : items) {
            JsonNode author = item.get("authors").get(0);
            assertEquals(true, author.has("name"));
            if (item.get("title").asText().equals("kept")) {
                assertEquals("https://blog.example/About", author.get("url").asText());
                withUrl++;
            } else {
                assertNull(author.get("url"), item.get("title") + " keeps its author url " + author);
            }
        }
        assertEquals(1, withUrl);
        assertFalse(json.toLowerCase(java.util.Locale.ROOT).contains("script:"), json);
    }
}
