package dev.gitblog.gateway.site;

import dev.gitblog.events.FeedDocument;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The feeds, served as feed-service sent them at their feed paths ({@code atom}, {@code rss.xml},
 * {@code feed.json}, {@code tags/<segment>/atom}, ...); a feed shadows an article or listing of the same path
 * (docs/FORMAT.md §3.8). The site-wide feeds are exported too; a feed's own warnings become the site's.
 */
final class FeedPages {

    /** The feeds that are files of the static export (a tag's feeds are not: {@code tags/<tag>} is a file there). */
    private static final List<String> EXPORTED_FEEDS = List.of("atom", "rss.xml", "feed.json");

    private record FeedModel(String contentType, String bodyName) {
    }

    private FeedPages() {
    }

    /** Adds the feeds, in feed path order. */
    static void add(BuildContext ctx, Map<String, SnapshotBuilder.StoredFeed> feeds, SiteOutput out) {
        for (String feedPath : new TreeSet<>(feeds.keySet())) {
            FeedDocument doc = feeds.get(feedPath).doc();
            ContentStore.PageFiles files = feeds.get(feedPath).files();
            FeedModel fm = new FeedModel(contentType(doc.mediaType()), files.identity().name());
            Page page = ctx.memo().storedPage("feed:" + feedPath, fm, fm.contentType(), ctx.commitTime(),
                    () -> files);
            out.shadow(feedPath, page);
            if (EXPORTED_FEEDS.contains(feedPath)) {
                out.export(feedPath, page);
            }
            for (String w : doc.warnings()) {
                out.warn("feed " + feedPath + ": " + w);
            }
        }
    }

    /** The Content-Type of a feed of {@code mediaType}: Atom without one, UTF-8 unless it names a charset. */
    static String contentType(String mediaType) {
        if (mediaType == null || mediaType.isBlank()) {
            return "application/atom+xml; charset=UTF-8";
        }
        return mediaType.toLowerCase(Locale.ROOT).contains("charset") ? mediaType : mediaType + "; charset=UTF-8";
    }
}
