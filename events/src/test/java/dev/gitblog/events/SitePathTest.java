package dev.gitblog.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SitePathTest {

    private static List<String> ok(String raw) {
        SitePath.Parsed p = SitePath.parse(raw);
        assertTrue(p.ok(), () -> raw + " was rejected: " + p.rejection());
        return p.segments();
    }

    @Test
    void rootAndSlashes() {
        assertEquals(List.of(), ok("/"));
        assertEquals(List.of(), ok(""));
        assertEquals(List.of("Posts"), ok("/Posts"));
        assertEquals(List.of("Posts"), ok("/Posts/"));
        assertEquals(List.of("Posts", "ARP"), ok("/Posts/ARP"));
    }

    @Test
    void splitsBeforeDecoding() {
        // an encoded slash stays inside its segment: it can only ever name a tag like "a/b"
        assertEquals(List.of("tags", "a/b"), ok("/tags/a%2Fb"));
        assertEquals(List.of("tags", "package signing"), ok("/tags/package%20signing"));
        assertEquals(List.of("tags", "100%"), ok("/tags/100%25"));
        assertEquals(List.of("Posts", "a+b"), ok("/Posts/a+b"));
        assertEquals(List.of("Posts", "Über"), ok("/Posts/%C3%9Cber"));
    }

    @Test
    void encodedSlashesNeverMakeNewSegments() {
        // one segment "../../etc": it can only name a tag of that text (docs/DECISIONS.md Decision 12), never a directory
        assertEquals(List.of("..%2F..%2Fetc".replace("%2F", "/"), "passwd"), ok("/..%2F..%2Fetc/passwd"));
    }

    @Test
    void doubleEncodingIsDecodedOnce() {
        assertEquals(List.of("%2e%2e", "etc"), ok("/%252e%252e/etc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/..", "/../etc/passwd", "/Posts/../.config/uuid", "/.", "/./Posts",
            "/%2e%2e/etc/passwd", "/%2E%2E", "/%2e",
            "/Posts//ARP", "//etc/passwd", "/a\\b", "/a%5Cb", "/..%5C..%5Cwindows",
            "/a%00b", "/%00", "/a%0Ab", "/a%7F",
            "/%zz", "/%2", "/abc%", "/%C3", "/%FF%FE",
            // the tag-name exception covers only the one segment after "tags", never NUL
            "/tags/%2E%2E/%2E%2E", "/tags/a%00b", "/x/tags/%2E%2E"
    })
    void rejects(String raw) {
        SitePath.Parsed p = SitePath.parse(raw);
        assertFalse(p.ok(), raw + " was accepted as " + p.segments());
    }

    @Test
    void aTagNameMayBeWhatDecision12Encodes() {
        // links to the tags "..", "..\\..\\windows" and "a<TAB>b" (TagPaths.segment) reach their pages
        assertEquals(List.of("tags", ".."), ok("/tags/%2E%2E"));
        assertEquals(List.of("tags", "..\\..\\windows"), ok("/tags/..%5C..%5Cwindows"));
        assertEquals(List.of("tags", "a\tb", "atom"), ok("/tags/a%09b/atom"));
    }

    @Test
    void dotsInsideNamesAreFine() {
        assertEquals(List.of("Posts", "Cubieboard2.md"), ok("/Posts/Cubieboard2.md"));
        assertEquals(List.of("...", "a..b"), ok("/.../a..b"));
        assertEquals(List.of(".git", "config"), ok("/.git/config")); // selects nothing later: 404, never a file
    }

    @Test
    void tooLong() {
        String path = "/" + "a".repeat(SitePath.MAX_BYTES);
        assertFalse(SitePath.parse(path).ok());
        assertTrue(SitePath.parse("/" + "a".repeat(SitePath.MAX_BYTES - 1)).ok());
        // the limit counts bytes, not characters
        assertFalse(SitePath.parse("/" + "é".repeat(SitePath.MAX_BYTES / 2)).ok());
    }
}
