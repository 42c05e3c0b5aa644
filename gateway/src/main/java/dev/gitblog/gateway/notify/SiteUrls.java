package dev.gitblog.gateway.notify;

import java.nio.charset.StandardCharsets;

/**
 * The absolute URL of a site path, as the feeds write it: the blog's root, a slash, and the path with every
 * character outside an RFC 3986 path segment percent-encoded as UTF-8. A {@code %} is kept: snapshot keys
 * carry tag segments already encoded ({@code tags/a%2Fb}), so that a hub is pinged with the feed's own self link.
 */
public final class SiteUrls {

    private SiteUrls() {
    }

    /** {@code root + "/" + encoded key}; {@code key} is a snapshot key (no leading slash, {@code ""} = index). */
    public static String of(String root, String key) {
        String base = root == null || root.isEmpty() ? "" : root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        return base + "/" + encode(key);
    }

    static String encode(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (keeps(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean keeps(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/%".indexOf(c) >= 0;
    }
}
