package dev.gitblog.gateway.site;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Absolute URLs of snapshot keys, as the feeds write them. */
class SiteUrlsTest {

    @Test
    void everySegmentIsEncodedAsAPathSegment() {
        assertEquals("https://b.example/Posts/meeting-23mar-%20gem%20updates",
                SiteUrls.of("https://b.example", "Posts/meeting-23mar- gem updates"));
        assertEquals("https://b.example/Posts/Q&A%2050%25", SiteUrls.of("https://b.example", "Posts/Q&A 50%"));
        assertEquals("https://b.example/%C3%9Cber/%2E%2E", SiteUrls.of("https://b.example", "Über/.."));
    }

    @Test
    void aTagSegmentKeepsItsEscapes() {
        assertEquals("https://b.example/tags/a%2Fb/new%20page", SiteUrls.of("https://b.example", "tags/a%2Fb/new page"));
        assertEquals("tags/package%20signing/atom", SiteUrls.path("tags/package signing/atom"));
        assertEquals("Posts/a%252Fb", SiteUrls.path("Posts/a%2Fb"), "only a tag segment keeps its escapes");
    }

    @Test
    void theRootIsItsFirstLineWithoutTrailingSlashes() {
        assertEquals("https://b.example/", SiteUrls.of(" https://b.example//\nsecond line ", ""));
        assertEquals("https://b.example/atom", SiteUrls.of("https://b.example/", "atom"));
        assertEquals("/atom", SiteUrls.of("", "atom"));
    }
}
