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
    void plainTextDecodesEveryEntityOnce() {
        assertEquals("Fish & chips \u2026 'quoted' \u2014 <tag> \u00a9 a b &amp; &bogus;",
                JsonFeedWriter.plainText("<p>Fish &amp; chips &hellip; &#x27;quoted&#39; &mdash; &lt;tag&gt; &copy;"
                        + " a&nbsp;&nbsp;b &amp;amp; &bogus;</p>"));
        assertEquals("\uFFFD \uFFFD x", JsonFeedWriter.plainText("&#0; &#1; x"), "no character XML forbids");
    }

    @Test
    void plainTextSeparatesBlocksAndLineBreaksButNotInlineElements() {
        assertEquals("one two", JsonFeedWriter.plainText("one<br>two"));
        assertEquals("Title First para. Second para.",
                JsonFeedWriter.plainText("<h2>Title</h2><p>First <strong>para</strong>.</p><p>Second para.</p>"));
        assertEquals("bold, italic and code",
                JsonFeedWriter.plainText("<b>bo</b>ld, <i><em>ital</em>ic</i> and <code>co<span>de</span></code>"));
        assertEquals("one two three a b",
                JsonFeedWriter.plainText("<ul><li>one</li><li>two<ul><li>three</li></ul></li></ul>"
                        + "<table><tr><td>a</td><td>b</td></tr></table>"));
        assertEquals("x y tail", JsonFeedWriter.plainText("<pre>x\n   y</pre>tail"), "one line, also from <pre>");
        assertEquals("unclosed", JsonFeedWriter.plainText("<p>un<b>clos<i>ed"));
    }

    @Test
    void scriptStyleTemplateAndCommentsAreNoText() {
        assertEquals("before after", JsonFeedWriter.plainText("<p>before <script>alert('<p>x</p>')</script>"
                + "<style>p { color: red }</style><template><p>t</p></template><!-- note -->after</p>"));
        assertNull(JsonFeedWriter.plainText("<script>document.write('hi')</script>"));
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
