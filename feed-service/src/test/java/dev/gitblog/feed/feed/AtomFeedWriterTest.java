package dev.gitblog.feed.feed;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.io.WireFeedInput;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomFeedWriterTest {

    private final FeedPlanner planner = new FeedPlanner(10);
    private final AtomFeedWriter writer = new AtomFeedWriter();

    @Test
    void smallBlogSiteFeedIsByteForByteTheHandWrittenFixture() {
        String atom = writer.write(SmallBlog.spec(planner.plan(SmallBlog.input()), "atom"));
        assertEquals(SmallBlog.resource("atom"), atom);
    }

    @Test
    void smallBlogTagFeedIsByteForByteTheHandWrittenFixture() {
        String atom = writer.write(SmallBlog.spec(planner.plan(SmallBlog.input()), "tags/mirageos/atom"));
        assertEquals(SmallBlog.resource("tags-mirageos-atom"), atom);
    }

    @Test
    void serializationFollowsCanopy() {
        String atom = writer.write(SmallBlog.spec(planner.plan(SmallBlog.input()), "atom"));
        assertTrue(atom.startsWith("<feed xmlns=\"http://www.w3.org/2005/Atom\"><link href=\"https://blog.example/atom\" rel=\"self\"/>"
                + "<id>urn:uuid:981361ca-e71d-4997-a52c-baeee78e4156</id><title type=\"text\">small blog</title>"
                + "<updated>2016-08-01T10:00:00-00:00</updated><entry>"), atom);
        assertFalse(atom.startsWith("<?xml"));
        assertTrue(atom.endsWith("</entry></feed>"));
        assertFalse(atom.contains("Z</updated>") || atom.contains("Z</published>"), "dates use -00:00, never Z");
    }

    @Test
    void parsedBackWithRomeFieldByField() throws Exception {
        String atom = writer.write(SmallBlog.spec(planner.plan(SmallBlog.input()), "atom"));
        Feed feed = (Feed) new WireFeedInput().build(new StringReader(atom));
        assertEquals("atom_1.0", feed.getFeedType());
        assertEquals("urn:uuid:981361ca-e71d-4997-a52c-baeee78e4156", feed.getId());
        assertEquals("small blog", feed.getTitle());
        assertEquals(Instant.parse("2016-08-01T10:00:00Z"), feed.getUpdated().toInstant());
        Link self = (Link) feed.getOtherLinks().get(0);
        assertEquals("self", self.getRel());
        assertEquals("https://blog.example/atom", self.getHref());

        List<Entry> entries = feed.getEntries();
        assertEquals(List.of("Second", "no title", "First & <best> \"post\""),
                entries.stream().map(Entry::getTitle).toList());
        Entry first = entries.get(2);
        assertEquals("urn:uuid:5df3be98-e030-59f0-ac7c-af8dc7278045", first.getId());
        assertEquals(Instant.parse("2016-04-01T16:41:56Z"), first.getPublished().toInstant());
        assertEquals(Instant.parse("2016-05-03T12:27:09Z"), first.getUpdated().toInstant());
        assertEquals("https://blog.example/Posts/First", ((Link) first.getAlternateLinks().get(0)).getHref());
        assertEquals("html", first.getSummary().getType());
        assertEquals(SmallBlog.FIRST.abstractHtml(), first.getSummary().getValue());
        assertEquals("html", first.getContents().get(0).getType());
        assertEquals(SmallBlog.FIRST.bodyHtml(), first.getContents().get(0).getValue());
        List<Category> categories = first.getCategories();
        assertEquals(List.of("package signing", "mirageos"), categories.stream().map(Category::getTerm).toList(),
                "reverse header order");
        assertEquals("https://blog.example/tags/package%20signing", categories.get(0).getScheme());
        assertEquals("hannes", first.getAuthors().get(0).getName());
        assertNull(first.getAuthors().get(0).getUri());

        Entry second = entries.get(0);
        assertEquals("https://blog.example/Posts/Second%20one", ((Link) second.getAlternateLinks().get(0)).getHref());
        assertNull(second.getSummary(), "no abstract, no summary");
        assertEquals("https://example.org/~linse", second.getAuthors().get(0).getUri());
        Entry about = entries.get(1);
        assertEquals("canopy", about.getAuthors().get(0).getName());
        assertEquals(3, entries.stream().map(Entry::getId).distinct().count(), "tied entries get distinct ids");
    }

    @Test
    void hostileTitlesTagsAndAuthorsStillGiveWellFormedXml() throws Exception {
        String hostile = "<script>alert('x')</script> & \"q\" \u0001\u0008\u000b\u001f \ud800 lone \udc00 \uffff end";
        FeedInput.Article a = new FeedInput.Article("Posts/<x>&\"y\"", hostile, hostile, "http://e/?a=1&b=\"2\"",
                List.of(hostile, "a/b", "..", "100%", "x\u0001y"), Instant.parse("2020-01-01T00:00:00Z"), null,
                "<p>" + hostile + "</p>\n", hostile);
        FeedInput input = new FeedInput(new FeedInput.Site(hostile, "https://h.example", "not-a-uuid & <x>"),
                Instant.parse("2020-01-02T00:00:00Z"), List.of(a));
        List<FeedSpec> specs = planner.plan(input);
        int atomFeeds = 0;
        for (FeedSpec spec : specs) {
            if (spec.format() != FeedFormat.ATOM) {
                continue;
            }
            atomFeeds++;
            String xml = writer.write(spec);
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(xml)));
            assertEquals("feed", doc.getDocumentElement().getTagName());
            assertFalse(xml.contains("<script>"), xml);
            Feed feed = (Feed) new WireFeedInput().build(new StringReader(xml));
            Entry entry = (Entry) feed.getEntries().get(0);
            String title = entry.getTitle();
            assertTrue(title.startsWith("<script>alert('x')</script> & \"q\" \ufffd\ufffd\ufffd\ufffd \ufffd lone \ufffd \ufffd end"),
                    title);
        }
        assertEquals(1 + 5, atomFeeds, "site feed + one per tag");
    }

    @Test
    void missingUuidDerivesTheFeedIdFromTheRoot() throws Exception {
        FeedInput input = new FeedInput(new FeedInput.Site("b", "https://blog.example", null), SmallBlog.HEAD,
                List.of(SmallBlog.FIRST));
        FeedSpec spec = SmallBlog.spec(planner.plan(input), "atom");
        Feed feed = (Feed) new WireFeedInput().build(new StringReader(writer.write(spec)));
        // Python: uuid.uuid5(uuid.NAMESPACE_URL, "https://blog.example")
        assertEquals("urn:uuid:d0160ca8-6342-5b44-9d64-f6a6f8f06095", feed.getId());
        assertEquals("urn:uuid:" + EntryIds.canopy("d0160ca8-6342-5b44-9d64-f6a6f8f06095", SmallBlog.FIRST.created()),
                ((Entry) feed.getEntries().get(0)).getId());
        assertEquals(1, spec.warnings().size());
        assertTrue(spec.warnings().get(0).contains("missing .config/uuid"), spec.warnings().get(0));
    }

    /** author_url values a post may carry: the hostile ones must not become a link in any feed (F4). */
    static final List<String> DROPPED_AUTHOR_URLS = List.of("javascript:alert('H-url')", "JavaScript:alert(1)",
            " javascript:alert(1)", "java\tscript:alert(1)", "\u0001javascript:alert(1)", "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "file:///etc/passwd", "ftp://x.example/",
            "http:evil", "https:/one-slash", "http:///no-host", "//evil.example/", "/\\evil.example", "about",
            "../../etc/passwd", "?q=1", "#x", "mailto:", "", "   ");

    @Test
    void hostileAuthorUrlsAreLeftOutOfTheAtomAuthor() throws Exception {
        FeedInput input = hostileAuthorUrls();
        List<FeedInput.Article> articles = input.articles();
        String xml = writer.write(SmallBlog.spec(new FeedPlanner(100).plan(input), "atom"));
        Feed feed = (Feed) new WireFeedInput().build(new StringReader(xml));
        assertEquals(articles.size(), feed.getEntries().size());
        int withUri = 0;
        for (Object o : feed.getEntries()) {
            Entry e = (Entry) o;
            String uri = e.getAuthors().get(0).getUri();
            if (e.getTitle().equals("kept")) {
                assertEquals("https://blog.example/About", uri);
                withUri++;
            } else {
                assertNull(uri, e.getTitle() + " keeps its author_url " + uri);
            }
        }
        assertEquals(1, withUri);
        assertFalse(xml.toLowerCase(java.util.Locale.ROOT).contains("script:"), xml);
        assertFalse(xml.contains("data:text/html"), xml);
        assertEquals(1, xml.split("<uri>", -1).length - 1, "one <uri> in the whole feed");
    }

    /** One article per author_url of {@link AtomFeedWriterTest#DROPPED_AUTHOR_URLS}, plus one with a site path. */
    static FeedInput hostileAuthorUrls() {
        List<FeedInput.Article> articles = new java.util.ArrayList<>();
        Instant t = Instant.parse("2021-01-01T00:00:00Z");
        List<String> urls = AtomFeedWriterTest.DROPPED_AUTHOR_URLS;
        for (int i = 0; i < urls.size(); i++) {
            articles.add(new FeedInput.Article("Posts/p" + i, "p" + i, "author " + i, urls.get(i), List.of(),
                    t.plusSeconds(i), null, "<p>x</p>\n", null));
        }
        articles.add(new FeedInput.Article("Posts/kept", "kept", "kept author", "/About", List.of(),
                t.plusSeconds(1000), null, "<p>x</p>\n", null));
        return new FeedInput(new FeedInput.Site("b", "https://blog.example", SmallBlog.UUID), t.plusSeconds(2000),
                articles);
    }
}
