package dev.gitblog.feed.feed;

import dev.gitblog.events.MarkupText;

import java.nio.charset.StandardCharsets;

/**
 * The absolute URLs feeds point at (docs/DECISIONS.md Decision 6): {@code root + "/" + path} with the path
 * percent-encoded as a URI path, and tag schemes {@code root + "/tags/" + tag} with the tag encoded
 * as one segment ({@code package%20signing}, {@code a%2Fb}).
 */
public final class FeedLinks {

    private FeedLinks() {
    }

    /** The article's absolute URL. */
    public static String article(String root, String path) {
        return root + "/" + encodePath(path);
    }

    /** The tag page URL used as a category scheme. */
    public static String tag(String root, String tag) {
        return root + "/tags/" + encodeSegment(tag);
    }

    /** The self link of a site-wide feed ({@code atom}, {@code rss.xml}, {@code feed.json}). */
    public static String feed(String root, String feedPath) {
        return root + "/" + encodePath(feedPath);
    }

    /** The self link of a tag's Atom feed. */
    public static String tagFeed(String root, String tag) {
        return tag(root, tag) + "/atom";
    }

    /**
     * The WebSub hub a feed names ({@code <link rel="hub">}, JSON Feed {@code hubs}): the configured URL trimmed,
     * or null when none is set (then feeds carry no hub).
     */
    public static String hub(String configured) {
        return configured == null || configured.isBlank() ? null : configured.trim();
    }

    /** Percent-encodes every segment of {@code path}, keeping the {@code /} between them. */
    public static String encodePath(String path) {
        StringBuilder out = new StringBuilder(path.length() + 16);
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(encodeSegment(segments[i]));
        }
        return out.toString();
    }

    /** RFC 3986 path segment: unreserved, sub-delims, {@code :} and {@code @} stay; the rest is %XX of UTF-8. */
    public static String encodeSegment(String segment) {
        byte[] bytes = MarkupText.cleanXml(segment).getBytes(StandardCharsets.UTF_8);
        // a segment of dots only ("..") would climb out of tags/ when resolved: encode its dots
        boolean onlyDots = !segment.isEmpty() && segment.chars().allMatch(ch -> ch == '.');
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isPchar(c) && !onlyDots) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isPchar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
    }
}
