package dev.gitblog.events;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoded request segments to the key of a revision. */
class SiteKeysTest {

    @Test
    void keysOfPagesTagsAndFiles() {
        assertEquals(Optional.of(""), SiteKeys.key(List.of()));
        assertEquals(Optional.of("Posts/ARP"), SiteKeys.key(List.of("Posts", "ARP")));
        assertEquals(Optional.of("tags"), SiteKeys.key(List.of("tags")));
        assertEquals(Optional.of("tags/a%2Fb"), SiteKeys.key(List.of("tags", "a/b")));
        assertEquals(Optional.of("tags/web/rss.xml"), SiteKeys.key(List.of("tags", "web", "rss.xml")));
        assertEquals(Optional.of("tags/web/page/3"), SiteKeys.key(List.of("tags", "web", "page", "3")));
        assertEquals(Optional.empty(), SiteKeys.key(List.of("tags", "web", "page", "03")));
        assertEquals(Optional.empty(), SiteKeys.key(List.of("tags", "web", "index.html")));
        assertEquals(Optional.empty(), SiteKeys.key(List.of("Posts", "a/b")));
        assertTrue(SiteKeys.servesFiles(List.of("static", "x.png")));
        assertFalse(SiteKeys.servesFiles(List.of("tags", "web")));
        assertFalse(SiteKeys.servesFiles(List.of()));
    }
}
