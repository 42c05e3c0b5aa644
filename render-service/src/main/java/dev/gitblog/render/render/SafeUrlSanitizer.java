package dev.gitblog.render.render;

import org.commonmark.renderer.html.UrlSanitizer;

import java.util.Locale;
import java.util.Set;

/**
 * Safe mode's URL filter: keeps relative URLs and the schemes {@code http}, {@code https},
 * {@code mailto}; anything else ({@code javascript:}, {@code data:}, {@code vbscript:}, {@code file:},
 * also when disguised with blanks, control characters or upper case) becomes the empty string.
 */
final class SafeUrlSanitizer implements UrlSanitizer {

    private static final Set<String> ALLOWED = Set.of("http", "https", "mailto");

    @Override
    public String sanitizeLinkUrl(String url) {
        return isSafe(url) ? url : "";
    }

    @Override
    public String sanitizeImageUrl(String url) {
        return isSafe(url) ? url : "";
    }

    static boolean isSafe(String url) {
        if (url == null) {
            return true;
        }
        // browsers ignore blanks and control characters inside a scheme: "java\tscript:" runs
        StringBuilder cleaned = new StringBuilder(Math.min(url.length(), 64));
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                continue;
            }
            if (c == ':') {
                String scheme = cleaned.toString().toLowerCase(Locale.ROOT);
                return ALLOWED.contains(scheme);
            }
            if (c == '/' || c == '?' || c == '#') {
                return true; // a path, query or fragment came first: relative URL
            }
            cleaned.append(c);
        }
        return true;
    }
}
