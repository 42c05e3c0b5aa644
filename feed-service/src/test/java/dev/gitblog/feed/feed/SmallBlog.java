package dev.gitblog.feed.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** The small blog whose feeds are in src/test/resources/small-blog (written by hand from §3.6). */
final class SmallBlog {

    static final String UUID = "981361ca-e71d-4997-a52c-baeee78e4156";
    static final String ROOT = "https://blog.example";
    static final Instant HEAD = Instant.parse("2016-08-01T10:00:00Z");

    static final FeedInput.Article FIRST = new FeedInput.Article("Posts/First", "First & <best> \"post\"", "hannes",
            null, List.of("mirageos", "package signing"), Instant.parse("2016-04-01T16:41:56Z"),
            Instant.parse("2016-05-03T12:27:09Z"), "<p>Hello <em>world</em></p>\n<ul>\n<li>one</li>\n</ul>\n",
            "<p>Short &amp; sweet.</p>\n");
    /** Created in the same second as ABOUT: comes first in tie order (descending key order: more segments). */
    static final FeedInput.Article SECOND = new FeedInput.Article("Posts/Second one", "Second", "linse",
            "https://example.org/~linse", List.of("security", "mirageos"), Instant.parse("2016-07-12T15:40:22Z"),
            Instant.parse("2016-07-20T08:00:00Z"), "<p>It's <code>&lt;b&gt;</code></p>\n", null);
    static final FeedInput.Article ABOUT = new FeedInput.Article("About", null, null, null, List.of(),
            Instant.parse("2016-07-12T15:40:22Z"), null, "<p>Me.</p>\n", "<p>About me</p>\n");

    static FeedInput input() {
        return new FeedInput(new FeedInput.Site("small blog", ROOT, UUID), HEAD, List.of(FIRST, ABOUT, SECOND));
    }

    static String resource(String name) {
        try (InputStream in = SmallBlog.class.getResourceAsStream("/small-blog/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource small-blog/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FeedSpec spec(List<FeedSpec> feeds, String path) {
        return feeds.stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no feed " + path + " in " + feeds.stream().map(FeedSpec::path).toList()));
    }

    private SmallBlog() {
    }
}
