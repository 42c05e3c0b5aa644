package dev.gitblog.gateway.site;

import dev.gitblog.events.FeedDocument;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Feeds as feed-service sent them: served, the site-wide ones exported. */
class FeedPagesTest {

    private static SnapshotBuilder.StoredFeed stored(String path, String mediaType, String body, List<String> warnings) {
        FeedDocument doc = new FeedDocument(FeedDocument.SCHEMA_VERSION, path, "r1", mediaType, null, 1, warnings);
        return new SnapshotBuilder.StoredFeed(doc, ContentStore.IN_HEAP.putPage(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void feedsAreServedAndTheSiteWideOnesExported() {
        List<String> warnings = new ArrayList<>();
        SiteOutput out = new SiteOutput(warnings);
        out.serve("atom", SiteOutputTest.page("article atom"));
        FeedPages.add(Builds.context(Builds.config(), new Builds.PlainComposer()), Map.of(
                "atom", stored("atom", "application/atom+xml", "<feed/>", List.of()),
                "feed.json", stored("feed.json", "application/feed+json", "{}", List.of("no items")),
                "tags/x/atom", stored("tags/x/atom", null, "<feed>x</feed>", List.of())), out);
        assertEquals("<feed/>", Builds.text(out.get("atom")));
        assertEquals("application/atom+xml; charset=UTF-8", out.get("atom").contentType());
        assertEquals("application/atom+xml; charset=UTF-8", out.get("tags/x/atom").contentType());
        assertEquals(Builds.COMMIT, out.get("feed.json").lastModified());
        assertEquals(List.of("atom", "feed.json"), List.copyOf(out.exportFiles().keySet()));
        assertEquals(List.of("/atom is served by the engine and hides the article or listing of the same name",
                "feed feed.json: no items"), warnings);
    }

    @Test
    void theContentTypeNamesUtf8UnlessItNamesACharset() {
        assertEquals("application/atom+xml; charset=UTF-8", FeedPages.contentType(" "));
        assertEquals("application/rss+xml; charset=UTF-8", FeedPages.contentType("application/rss+xml"));
        assertEquals("application/rss+xml; Charset=ISO-8859-1", FeedPages.contentType("application/rss+xml; Charset=ISO-8859-1"));
    }
}
