package dev.gitblog.events;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which key of a revision a request path selects, once {@link SitePath} has decoded it into segments
 * (docs/FORMAT.md §3.8 with the Decisions). The gateway serves by these keys; the link report
 * ({@link LocalLinks}) looks links up by them, so both agree on what a path reaches.
 *
 * <ol>
 *   <li>no segment: the page {@code ""} (the same bytes as {@code /{index_page}});</li>
 *   <li>{@code tags}: the overview; {@code tags/T}: the tag page of the decoded tag {@code T} (the key is
 *       {@link TagPaths#tagPage}, so {@code tags/a%2Fb} reaches the tag {@code a/b});
 *       {@code tags/T/atom}, {@code tags/T/rss.xml}, {@code tags/T/feed.json}: its feeds;
 *       {@code tags/T/page/N}: a next page of it (N a plain decimal); anything else under {@code tags}:
 *       no key;</li>
 *   <li>any other path: its segments joined with {@code /}, unless a segment holds an encoded {@code /}
 *       (only a tag can have one).</li>
 * </ol>
 * Under {@code tags} only generated pages answer; anywhere else a key is a page, else a static file, else a
 * redirect ({@link #servesFiles}).
 */
public final class SiteKeys {

    /** The feeds of a tag: {@code tags/T/atom}, {@code tags/T/rss.xml}, {@code tags/T/feed.json}. */
    public static final Set<String> TAG_FEEDS = Set.of("atom", "rss.xml", "feed.json");

    private SiteKeys() {
    }

    /** The key for decoded segments, or empty when no key can match. */
    public static Optional<String> key(List<String> segments) {
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

    /** Whether a static file or a redirect may answer these segments: everywhere but under {@code tags}. */
    public static boolean servesFiles(List<String> segments) {
        return !segments.isEmpty() && !segments.get(0).equals("tags");
    }

    /** A next page of a paginated tag page: {@code tags/T/page/<n>}, n a plain decimal from 2. */
    private static boolean isPageNumber(String s) {
        return !s.isEmpty() && s.length() <= 9 && s.charAt(0) != '0' && s.chars().allMatch(Character::isDigit);
    }
}
