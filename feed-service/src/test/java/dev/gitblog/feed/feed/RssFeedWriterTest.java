package dev.gitblog.feed.feed;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RssFeedWriterTest {

    private final FeedPlanner planner = new FeedPlanner(10);
    private final RssFeedWriter writer = new RssFeedWriter();

    @Test
    void smallBlogMatchesTheHandWrittenFixtureAsXml() throws Exception {
        String rss = writer.write(SmallBlog.spec(planner.plan(SmallBlog.input()), "rss.xml"));
        Document actual = parse(rss);
        Document expected = parse(SmallBlog.resource("rss.xml"));
        assertTrue(expected.isEqualNode(actual), () -> "RSS differs from small-blog/rss.xml:\n" + rss);
    }

    @Test
    void parsedBackWithRomeFieldByField() throws Exception {
        String rss = writer.write(SmallBlog.spec(planner.plan(SmallBlog.input()), "rss.xml"));
        Channel channel = (Channel) new WireFeedInput().build(new StringReader(rss));
        assertEquals("rss_2.0", channel.getFeedType());
        assertEquals("small blog", channel.getTitle());
        assertEquals("https://blog.example/", channel.getLink());
        assertEquals(Instant.parse("2016-07-20T08:00:00Z"), channel.getLastBuildDate().toInstant(),
                "the newest entry update, not the head commit: an unrelated push leaves rss.xml alone");
        List<Item> items = channel.getItems();
        assertEquals(3, items.size());
        Item first = items.get(2);
        assertEquals("First & <best> \"post\"", first.getTitle());
        assertEquals("https://blog.example/Posts/First", first.getLink());
        assertEquals("urn:uuid:5df3be98-e030-59f0-ac7c-af8dc7278045", first.getGuid().getValue());
        assertFalse(first.getGuid().isPermaLink());
        assertEquals(Instant.parse("2016-04-01T16:41:56Z"), first.getPubDate().toInstant());
        assertEquals(SmallBlog.FIRST.abstractHtml(), first.getDescription().getValue());
        assertEquals(SmallBlog.FIRST.bodyHtml(), first.getContent().getValue());

        SyndFeed synd = new SyndFeedInput().build(new StringReader(rss));
        SyndEntry second = synd.getEntries().get(0);
        assertEquals("linse", second.getAuthor());
        assertEquals("urn:uuid:a8b636d2-11af-5f21-818d-b26d47f2fa0f", second.getUri());
        assertEquals(List.of("security", "mirageos"), second.getCategories().stream().map(SyndCategory::getName).toList());
        assertEquals(SmallBlog.SECOND.bodyHtml(), second.getDescription().getValue(), "no abstract: the body");
    }

    @Test
    void hostileTextStillGivesWellFormedRss() throws Exception {
        String hostile = "<script>x</script> & \"q\" ]]> \u0001 \ud800";
        FeedInput.Article a = new FeedInput.Article("P/x", hostile, hostile, null, List.of(hostile),
                Instant.parse("2020-01-01T00:00:00Z"), null, "<p>" + hostile + "]]></p>", hostile);
        FeedInput input = new FeedInput(new FeedInput.Site(hostile, "https://h.example", SmallBlog.UUID),
                Instant.parse("2020-01-02T00:00:00Z"), List.of(a));
        String rss = writer.write(SmallBlog.spec(planner.plan(input), "rss.xml"));
        parse(rss);
        Channel channel = (Channel) new WireFeedInput().build(new StringReader(rss));
        Item item = channel.getItems().get(0);
        assertEquals("<script>x</script> & \"q\" ]]> \ufffd \ufffd", item.getTitle());
        assertEquals("<p><script>x</script> & \"q\" ]]> \ufffd \ufffd]]></p>", item.getContent().getValue());
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setCoalescing(true);
        Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        stripBlankText(doc.getDocumentElement());
        doc.normalizeDocument();
        return doc;
    }

    private static void stripBlankText(Node node) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNextSibling();
            if (child.getNodeType() == Node.TEXT_NODE && child.getTextContent().isBlank()
                    && node.getChildNodes().getLength() > 1) {
                node.removeChild(child);
            } else {
                stripBlankText(child);
            }
            child = next;
        }
    }

    @Test
    void noAuthorUrlReachesRss() throws Exception {
        FeedInput input = AtomFeedWriterTest.hostileAuthorUrls();
        String rss = writer.write(SmallBlog.spec(new FeedPlanner(100).plan(input), "rss.xml"));
        parse(rss);
        Channel channel = (Channel) new WireFeedInput().build(new StringReader(rss));
        assertEquals(input.articles().size(), channel.getItems().size());
        assertFalse(rss.toLowerCase(java.util.Locale.ROOT).contains("script:"), rss);
        assertFalse(rss.contains("/About"), "RSS has no author link, not even a safe one");
    }
}
