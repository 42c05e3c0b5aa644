package dev.gitblog.feed.feed;

import dev.gitblog.events.ArticleOrder;
import dev.gitblog.events.ConfigValues;
import dev.gitblog.events.FeedDocument;
import dev.gitblog.events.NameUuids;
import dev.gitblog.events.TagPaths;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Decides which feeds exist and what is in them: {@code rss.xml}, {@code feed.json}, per tag
 * {@code tags/<tag>/rss.xml}, {@code tags/<tag>/feed.json} and {@code tags/<tag>/atom}, and {@code atom}
 * ({@link FeedDocument#LAST_FEED_PATH}: returned last, the order they are published in).
 * Each holds the newest {@code size} articles (ArticleOrder). Entry ids are assigned over all
 * articles once, so an article has the same id in every feed.
 */
public final class FeedPlanner {

    /** The site-wide Atom feed, the feed that closes a revision ({@link FeedDocument#LAST_FEED_PATH}). */
    public static final String ATOM = FeedDocument.LAST_FEED_PATH;
    public static final String RSS = "rss.xml";
    public static final String JSON = "feed.json";

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Comparator<FeedInput.Article> NEWEST_FIRST =
            ArticleOrder.newestFirst(FeedInput.Article::created, FeedInput.Article::path);

    private final int size;

    /** @param size entries per feed ({@code blog.feed.size}, Canopy: 10) */
    public FeedPlanner(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("blog.feed.size must be at least 1, was " + size);
        }
        this.size = size;
    }

    /** Every feed of {@code input}, {@code atom} last. */
    public List<FeedSpec> plan(FeedInput input) {
        FeedInput.Site site = input.site();
        List<String> warnings = new ArrayList<>();
        String uuidText = site.uuid();
        if (uuidText == null) {
            uuidText = NameUuids.v5(NameUuids.NAMESPACE_URL, site.root()).toString();
            warnings.add("missing .config/uuid: the feed id is derived from the root " + site.root()
                    + " (urn:uuid:" + uuidText + "); add .config/uuid to keep feed and entry ids stable");
        }
        UUID feedNamespace;
        if (CANONICAL_UUID.matcher(uuidText).matches()) {
            feedNamespace = UUID.fromString(uuidText);
        } else {
            feedNamespace = NameUuids.v5(NameUuids.NAMESPACE_URL, uuidText);
            warnings.add(".config/uuid is not a UUID (" + uuidText + "): tag feed ids are derived from its text");
        }
        String feedId = "urn:uuid:" + uuidText;

        List<FeedInput.Article> sorted = input.articles().stream().sorted(NEWEST_FIRST).toList();
        EntryIds.Assigner ids = new EntryIds.Assigner(uuidText, sorted);
        // links: one base for every URL, as the gateway's (a root written with a trailing slash gives no "//")
        String root = ConfigValues.rootUrl(site.root());

        List<FeedSpec.Item> top = items(sorted, ids, root);
        // RSS and JSON Feed date themselves by their newest entry, so a push that changes no article
        // leaves their bytes alone; only the Atom feed carries the head commit date (§3.6)
        Instant newestUpdate = newestUpdated(top, input.headTime());
        List<FeedSpec> feeds = new ArrayList<>();
        feeds.add(new FeedSpec(RSS, FeedFormat.RSS, feedId, site.blogName(), FeedLinks.feed(root, RSS),
                root + "/", newestUpdate, top, warnings));
        feeds.add(new FeedSpec(JSON, FeedFormat.JSON, feedId, site.blogName(), FeedLinks.feed(root, JSON),
                root + "/", newestUpdate, top, warnings));

        for (Map.Entry<String, List<FeedInput.Article>> tagged : newestOfEachTag(sorted).entrySet()) {
            String tag = tagged.getKey();
            List<FeedSpec.Item> tagItems = items(tagged.getValue(), ids, root);
            Instant updated = newestUpdated(tagItems, input.headTime());
            String tagFeedId = EntryIds.urn(NameUuids.v5(feedNamespace, "tags/" + tag));
            String title = site.blogName() + ": " + tag;
            // RSS and JSON Feed beside the Atom feed, at tags/<tag>/rss.xml and tags/<tag>/feed.json
            for (String name : List.of(RSS, JSON)) {
                feeds.add(new FeedSpec(TagPaths.tagPage(tag) + "/" + name, name.equals(RSS) ? FeedFormat.RSS
                        : FeedFormat.JSON, tagFeedId, title, FeedLinks.tag(root, tag) + "/" + name,
                        FeedLinks.tag(root, tag), updated, tagItems, warnings));
            }
            feeds.add(new FeedSpec(TagPaths.tagFeed(tag), FeedFormat.ATOM, tagFeedId, title,
                    FeedLinks.tagFeed(root, tag), FeedLinks.tag(root, tag), updated, tagItems, warnings));
        }

        feeds.add(new FeedSpec(ATOM, FeedFormat.ATOM, feedId, site.blogName(), FeedLinks.feed(root, ATOM),
                root + "/", input.headTime(), top, warnings));
        return feeds;
    }

    /**
     * The paths of the articles that some feed of {@link #plan} holds: the newest {@code size} of the site and
     * the newest {@code size} of each tag. Only their bodies are needed to write the feeds.
     */
    public Set<String> featured(List<FeedInput.Article> articles) {
        return newest(articles, size);
    }

    /**
     * The articles that may be featured after a few changes: the newest {@code 2 × size} of the site and of each
     * tag. feed-service keeps the bodies of these only (feed-service README, "Memory"); an article outside them
     * is featured only once more than {@code size} newer ones of one of its tags (or of the site) are gone.
     */
    public Set<String> candidates(List<FeedInput.Article> articles) {
        return newest(articles, 2 * size);
    }

    private static Set<String> newest(List<FeedInput.Article> articles, int count) {
        List<FeedInput.Article> sorted = articles.stream().sorted(NEWEST_FIRST).toList();
        Set<String> paths = new HashSet<>();
        sorted.stream().limit(count).forEach(a -> paths.add(a.path()));
        Map<String, Integer> perTag = new HashMap<>();
        for (FeedInput.Article a : sorted) {
            for (String tag : new HashSet<>(a.tags())) {
                if (perTag.merge(tag, 1, Integer::sum) <= count) {
                    paths.add(a.path());
                }
            }
        }
        return paths;
    }

    /**
     * Each tag of {@code sorted} (byte order, the empty tag left out: it has no page and no feed, docs/FORMAT.md
     * §3.9) with its newest {@code size} articles, in one pass over the articles.
     */
    private Map<String, List<FeedInput.Article>> newestOfEachTag(List<FeedInput.Article> sorted) {
        Map<String, List<FeedInput.Article>> tags = new TreeMap<>(ArticleOrder.BYTE_ORDER);
        for (FeedInput.Article a : sorted) {
            for (String tag : a.tags()) {
                if (tag.isEmpty()) {
                    continue;
                }
                List<FeedInput.Article> newest = tags.computeIfAbsent(tag, t -> new ArrayList<>(size));
                if (newest.size() < size && (newest.isEmpty() || newest.get(newest.size() - 1) != a)) {
                    newest.add(a); // a tag written twice in one header counts the article once
                }
            }
        }
        return tags;
    }

    private static Instant newestUpdated(List<FeedSpec.Item> items, Instant otherwise) {
        return items.stream().map(i -> i.article().updated()).max(Comparator.naturalOrder()).orElse(otherwise);
    }

    private List<FeedSpec.Item> items(List<FeedInput.Article> sorted, EntryIds.Assigner ids, String root) {
        return sorted.stream().limit(size).map(a -> new FeedSpec.Item(ids.id(a),
                FeedLinks.article(root, a.path()), a,
                a.tags().stream().map(t -> new FeedSpec.Category(t, FeedLinks.tag(root, t))).toList())).toList();
    }
}
