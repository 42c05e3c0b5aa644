package dev.gitblog.events;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What an article's {@code author_url} header may become: a link on the site's pages and a URI in its feeds, or
 * nothing. The scheme is what comes before the first {@code :} that precedes any {@code /}; only {@code http},
 * {@code https} and {@code mailto} are links, so {@code javascript:}, {@code data:}, {@code vbscript:} and every
 * other scheme are dropped (RELIABILITY.md, F4). The gateway's pages use {@link #forPage}, feed-service's Atom
 * and JSON Feed writers {@link #forFeed}.
 */
public final class AuthorUrls {

    private AuthorUrls() {
    }

    /**
     * The link an HTML page may carry, or null: an http(s) or mailto URL, or a reference without a scheme (it
     * resolves against the page, like any relative link of the site).
     */
    public static String forPage(String url) {
        if (url == null) {
            return null;
        }
        String u = url.strip();
        String scheme = scheme(u);
        if (scheme == null) {
            return u;
        }
        return scheme.equals("http") || scheme.equals("https") || scheme.equals("mailto") ? u : null;
    }

    /**
     * The URI a feed may carry, or null. A feed is read away from the site, so a reference without a scheme only
     * survives when it is a site path ({@code /About}, made absolute with the scheme and host of {@code siteBase});
     * other relative text ({@code //host}, {@code foo}, {@code ?q}) is dropped, and so is an http(s) URL without
     * {@code //host} or an empty {@code mailto:}.
     *
     * @param url      the header value, null when absent
     * @param siteBase an absolute http(s) URL of the site (e.g. the article's link)
     */
    public static String forFeed(String url, String siteBase) {
        if (url == null) {
            return null;
        }
        String u = url.strip();
        String scheme = scheme(u);
        if (scheme != null) {
            String rest = u.substring(scheme.length() + 1);
            return switch (scheme) {
                case "http", "https" -> rest.startsWith("//") && rest.length() > 2 && rest.charAt(2) != '/' ? u : null;
                case "mailto" -> rest.isBlank() ? null : u;
                default -> null;
            };
        }
        if (!u.startsWith("/") || u.startsWith("//") || u.startsWith("/\\") || siteBase == null) {
            return null; // relative text: it would resolve differently in every reader
        }
        try {
            URI b = new URI(siteBase);
            String baseScheme = b.getScheme() == null ? "" : b.getScheme().toLowerCase(Locale.ROOT);
            if ((!baseScheme.equals("http") && !baseScheme.equals("https")) || b.getRawAuthority() == null) {
                return null;
            }
            return b.getScheme() + "://" + b.getRawAuthority() + u;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The lower-cased scheme of {@code u}, or null when it has none (no {@code :} before the first {@code /}). */
    private static String scheme(String u) {
        int colon = u.indexOf(':');
        int slash = u.indexOf('/');
        if (colon < 0 || (slash >= 0 && slash < colon)) {
            return null;
        }
        return u.substring(0, colon).toLowerCase(Locale.ROOT);
    }
}
