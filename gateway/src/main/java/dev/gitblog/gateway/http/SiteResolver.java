package dev.gitblog.gateway.http;

import dev.gitblog.events.TagPaths;
import dev.gitblog.gateway.site.Page;
import dev.gitblog.gateway.site.SiteSnapshot;
import dev.gitblog.gateway.site.SiteSnapshot.StaticRef;

import java.util.List;
import java.util.Optional;

/**
 * Which thing of a snapshot a request path selects (docs/FORMAT.md §3.8 with the Decisions). Pure: it
 * only looks keys up, it never composes and never touches the filesystem.
 *
 * <ol>
 *   <li>no segment: the page {@code ""} (the same bytes as {@code /{index_page}});</li>
 *   <li>{@code tags}: the overview; {@code tags/T}: the tag page of the decoded tag {@code T} (looked up
 *       under {@link TagPaths#segment}, so {@code tags/a%2Fb} reaches the tag {@code a/b});
 *       {@code tags/T/atom}, {@code tags/T/rss.xml}, {@code tags/T/feed.json}: its feeds;
 *       {@code tags/T/page/N}: a next page of it (with {@code .config/page_size}); anything else: not found;</li>
 *   <li>any other key: a composed page (feeds, articles, listings), a static file, a redirect;</li>
 *   <li>otherwise: not found.</li>
 * </ol>
 */
public final class SiteResolver {

    /** The feeds of a tag: {@code tags/T/atom}, {@code tags/T/rss.xml}, {@code tags/T/feed.json}. */
    private static final java.util.Set<String> TAG_FEEDS = java.util.Set.of("atom", "rss.xml", "feed.json");

    private SiteResolver() {
    }

    /** A next page of a paginated tag page: {@code tags/T/page/<n>}, n a plain decimal from 2. */
    private static boolean isPageNumber(String s) {
        return !s.isEmpty() && s.length() <= 9 && s.charAt(0) != '0' && s.chars().allMatch(Character::isDigit);
    }

    /** What to answer. */
    public sealed interface Resolution permits Found, StaticFile, Redirect, NotFound {
    }

    /** A composed page, served with status 200. */
    public record Found(String key, Page page) implements Resolution {
    }

    /** A static asset; its bytes come from the blob cache or content-service. */
    public record StaticFile(StaticRef ref) implements Resolution {
    }

    /** 301 to {@code location}. */
    public record Redirect(String location) implements Resolution {
    }

    /** 404 with the snapshot's not-found page. */
    public record NotFound(Page page) implements Resolution {
    }

    public static Resolution resolve(SiteSnapshot snapshot, List<String> segments) {
        Optional<String> key = key(segments);
        if (key.isEmpty()) {
            return new NotFound(snapshot.notFound());
        }
        String k = key.get();
        Optional<Page> page = snapshot.page(k);
        if (page.isPresent()) {
            return new Found(k, page.get());
        }
        if (!segments.isEmpty() && !segments.get(0).equals("tags")) {
            Optional<StaticRef> ref = snapshot.staticFile(k);
            if (ref.isPresent()) {
                return new StaticFile(ref.get());
            }
            Optional<String> target = snapshot.redirect(k);
            if (target.isPresent()) {
                return new Redirect(target.get());
            }
        }
        return new NotFound(snapshot.notFound());
    }

    /** The snapshot key for decoded segments, or empty when no key can match. */
    static Optional<String> key(List<String> segments) {
        if (segments.isEmpty()) {
            return Optional.of("");
        }
        if (segments.get(0).equals("tags")) {
            return switch (segments.size()) {
                case 1 -> Optional.of("tags");
                case 2 -> Optional.of(TagPaths.tagPage(segments.get(1)));
                case 3 -> TAG_FEEDS.contains(segments.get(2))
                        ? Optional.of(TagPaths.tagPage(segments.get(1)) + "/" + segments.get(2)) : Optional.empty();
                case 4 -> segments.get(2).equals("page") && isPageNumber(segments.get(3))
                        ? Optional.of(TagPaths.tagPage(segments.get(1)) + "/page/" + segments.get(3)) : Optional.empty();
                default -> Optional.empty();
            };
        }
        for (String s : segments) {
            if (s.indexOf('/') >= 0) {
                // an encoded slash can only name a tag; article and static keys are split on '/'
                return Optional.empty();
            }
        }
        return Optional.of(String.join("/", segments));
    }
}
