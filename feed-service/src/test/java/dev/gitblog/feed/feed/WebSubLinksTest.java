package dev.gitblog.feed.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** With a WebSub hub configured every feed names it and itself; without one, the feeds are as before. */
class WebSubLinksTest {

    static final String HUB = "https://hub.example/websub";
    static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    private final FeedPlanner planner = new FeedPlanner(10);

    /** rel -> href of the {@code link} elements in the Atom namespace directly under {@code parent}. */
    static Map<String, String> atomLinks(Element parent) {
        Map<String, String> links = new LinkedHashMap<>();
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && "link".equals(e.getLocalName()) && ATOM_NS.equals(e.getNamespaceURI())) {
                links.put(e.getAttribute("rel"), e.getAttribute("href"));
            }
        }
        return links;
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    @Test
    void atomNamesTheHubAfterItsSelfLink() throws Exception {
        String xml = new AtomFeedWriter(HUB).write(SmallBlog.spec(planner.plan(SmallBlog.input()), "atom"));
        Map<String, String> links = atomLinks(parse(xml).getDocumentElement());
        assertEquals(Map.of("self", "https://blog.example/atom", "hub", HUB), links);
        assertEquals(2, links.size());
        assertFalse(new AtomFeedWriter().write(SmallBlog.spec(planner.plan(SmallBlog.input()), "atom")).contains("rel=\"hub\""));
    }

    @Test
    void rssCarriesAtomSelfAndHubLinksInTheChannel() throws Exception {
        String xml = new RssFeedWriter(HUB).write(SmallBlog.spec(planner.plan(SmallBlog.input()), "rss.xml"));
        Element channel = (Element) parse(xml).getElementsByTagName("channel").item(0);
        assertEquals(Map.of("self", "https://blog.example/rss.xml", "hub", HUB), atomLinks(channel));
        assertFalse(new RssFeedWriter().write(SmallBlog.spec(planner.plan(SmallBlog.input()), "rss.xml")).contains(HUB));
    }

    @Test
    void jsonFeedListsTheHub() throws Exception {
        JsonNode feed = new ObjectMapper().readTree(new JsonFeedWriter(HUB)
                .write(SmallBlog.spec(planner.plan(SmallBlog.input()), "feed.json")));
        assertEquals("WebSub", feed.get("hubs").get(0).get("type").asText());
        assertEquals(HUB, feed.get("hubs").get(0).get("url").asText());
        assertEquals("https://blog.example/feed.json", feed.get("feed_url").asText());
        assertFalse(new JsonFeedWriter().write(SmallBlog.spec(planner.plan(SmallBlog.input()), "feed.json")).contains("hubs"));
    }

    @Test
    void builderGivesEveryFeedTheHub() {
        var docs = new FeedBuilder(10, " " + HUB + " ").build(SmallBlog.input(), "r1");
        docs.forEach((path, feed) -> assertEquals(true, feed.document().body().contains(HUB), path));
        assertFalse(docs.isEmpty());
    }
}
