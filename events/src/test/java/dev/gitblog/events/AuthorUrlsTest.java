package dev.gitblog.events;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AuthorUrlsTest {

    /** Schemes that are never a link, in the forms a hostile header may take. */
    static final List<String> SCRIPT_URLS = List.of("javascript:alert('H-url')", "JavaScript:alert(1)",
            " javascript:alert(1)", "java\tscript:alert(1)", "\u0001javascript:alert(1)", "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "file:///etc/passwd", "ftp://x.example/");

    /** Dropped from feeds only: relative text and malformed http(s)/mailto. */
    static final List<String> RELATIVE_OR_MALFORMED = List.of("http:evil", "https:/one-slash", "http:///no-host",
            "//evil.example/", "/\\evil.example", "about", "../../etc/passwd", "?q=1", "#x", "mailto:", "", "   ");

    @Test
    void pagesLinkHttpMailtoAndReferencesWithoutAScheme() {
        assertEquals("https://example.org/~linse", AuthorUrls.forPage("https://example.org/~linse"));
        assertEquals("HTTP://Example.org/", AuthorUrls.forPage(" HTTP://Example.org/ "));
        assertEquals("mailto:me@example.org", AuthorUrls.forPage("mailto:me@example.org"));
        assertEquals("/About", AuthorUrls.forPage("/About"));
        assertEquals("/a/b:c", AuthorUrls.forPage("/a/b:c"), "a colon after the first slash is no scheme");
        assertNull(AuthorUrls.forPage(null));
        for (String url : SCRIPT_URLS) {
            assertNull(AuthorUrls.forPage(url), url);
        }
    }

    @Test
    void feedsKeepTheSameSchemesAndMakeSitePathsAbsolute() {
        String base = "https://blog.example/Posts/First";
        assertEquals("https://example.org/~linse", AuthorUrls.forFeed("https://example.org/~linse", base));
        assertEquals("HTTP://Example.org/", AuthorUrls.forFeed(" HTTP://Example.org/ ", base));
        assertEquals("mailto:me@example.org", AuthorUrls.forFeed("mailto:me@example.org", base));
        assertEquals("https://blog.example/About", AuthorUrls.forFeed("/About", base), "a site path, made absolute");
        assertEquals("http://h.example:8080/a/b:c", AuthorUrls.forFeed("/a/b:c", "http://h.example:8080/x"),
                "a colon after the first slash is no scheme");
        assertNull(AuthorUrls.forFeed("/About", "file:///x"), "only an http(s) site makes a path absolute");
        assertNull(AuthorUrls.forFeed(null, base));
        for (String url : SCRIPT_URLS) {
            assertNull(AuthorUrls.forFeed(url, base), url);
        }
        for (String url : RELATIVE_OR_MALFORMED) {
            assertNull(AuthorUrls.forFeed(url, base), url);
        }
    }
}
