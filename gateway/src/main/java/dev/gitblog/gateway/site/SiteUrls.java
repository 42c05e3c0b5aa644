package dev.gitblog.gateway.site;

import dev.gitblog.events.ConfigValues;

import java.nio.charset.StandardCharsets;

/**
 * Absolute URLs of the site's pages, from {@code .config/root} and a snapshot key, as the feeds write their
 * links (docs/DECISIONS.md Decision 6): every segment percent-encoded as an RFC 3986 path segment, except the
 * tag segment of {@code tags/<segment>} keys, which {@code TagPaths} has already encoded (its {@code %XX}
 * stay as they are). The canonical links, the sitemap and the change events of docs/NOTIFICATIONS.md
 * all use these URLs, so that a WebSub hub is pinged with a feed's own self link.
 */
public final class SiteUrls {

    private SiteUrls() {
    }

    /** The absolute URL of the snapshot key {@code key} ({@code ""} is the site root {@code root/}). */
    public static String of(String root, String key) {
        return ConfigValues.rootUrl(root) + "/" + path(key);
    }

    /** The key as a URL path without the leading slash. */
    public static String path(String key) {
        StringBuilder out = new StringBuilder(key.length() + 16);
        String[] segments = key.split("/", -1);
        boolean tagKey = segments.length >= 2 && segments[0].equals("tags");
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            appendSegment(out, segments[i], tagKey && i == 1);
        }
        return out.toString();
    }

    private static void appendSegment(StringBuilder out, String segment, boolean keepEscapes) {
        byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
        boolean onlyDots = !segment.isEmpty() && segment.chars().allMatch(ch -> ch == '.');
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((isPchar(c) && !onlyDots) || (keepEscapes && c == '%')) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
    }

    private static boolean isPchar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
    }
}
