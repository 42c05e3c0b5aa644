package dev.gitblog.feed.feed;

import java.time.Instant;
import java.util.List;

/**
 * One feed to write, with everything decided: which entries, their ids and links. The writers only
 * turn it into bytes.
 *
 * @param path     the feed path and Kafka key ({@code atom}, {@code rss.xml}, {@code feed.json},
 *                 {@code tags/<segment>/atom})
 * @param format   how to write it
 * @param id       {@code urn:uuid:...}
 * @param title    feed title
 * @param selfLink absolute URL of the feed itself
 * @param siteLink absolute URL of the site (or the tag page) the feed belongs to
 * @param updated  the feed's {@code updated}
 * @param items    entries, newest first
 * @param warnings problems that did not stop the build
 */
public record FeedSpec(String path, FeedFormat format, String id, String title, String selfLink, String siteLink,
                       Instant updated, List<Item> items, List<String> warnings) {

    public FeedSpec {
        items = List.copyOf(items);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param id         {@code urn:uuid:...} (Atom id, RSS guid, JSON Feed id)
     * @param link       absolute article URL
     * @param article    the article
     * @param categories one per tag, in header order
     */
    public record Item(String id, String link, FeedInput.Article article, List<Category> categories) {
        public Item {
            categories = List.copyOf(categories);
        }
    }

    /** @param term the tag as written; @param scheme the tag page URL */
    public record Category(String term, String scheme) {
    }
}
