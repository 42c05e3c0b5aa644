package dev.gitblog.gateway.http;

import dev.gitblog.events.SitePath;
import dev.gitblog.gateway.http.SiteResolver.Found;
import dev.gitblog.gateway.http.SiteResolver.NotFound;
import dev.gitblog.gateway.http.SiteResolver.Redirect;
import dev.gitblog.gateway.http.SiteResolver.Resolution;
import dev.gitblog.gateway.http.SiteResolver.StaticFile;
import dev.gitblog.gateway.site.SiteSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

class SiteResolverTest {

    private final SiteSnapshot snapshot = TestSnapshots.seedLike("r1", "v1");

    private Resolution resolve(String rawPath) {
        SitePath.Parsed parsed = SitePath.parse(rawPath);
        return SiteResolver.resolve(snapshot, parsed.segments());
    }

    private String foundKey(String rawPath) {
        return assertInstanceOf(Found.class, resolve(rawPath), rawPath).key();
    }

    @Test
    void pagesByKey() {
        assertEquals("", foundKey("/"));
        assertEquals("Posts", foundKey("/Posts"));
        assertEquals("Posts", foundKey("/Posts/"));
        assertEquals("Posts/ARP", foundKey("/Posts/ARP"));
        assertEquals("Posts/meeting-23mar- gem updates", foundKey("/Posts/meeting-23mar-%20gem%20updates"));
        assertEquals("atom", foundKey("/atom"));
        assertEquals("tags", foundKey("/tags"));
        assertEquals("tags/mirageos", foundKey("/tags/mirageos"));
        assertEquals("tags/package signing", foundKey("/tags/package%20signing"));
        assertEquals("tags/mirageos/atom", foundKey("/tags/mirageos/atom"));
    }

    @Test
    void aTagHasThreeFeedsAndNumberedNextPages() {
        assertEquals(java.util.Optional.of("tags/a%2Fb/rss.xml"), SiteResolver.key(List.of("tags", "a/b", "rss.xml")));
        assertEquals(java.util.Optional.of("tags/web/feed.json"), SiteResolver.key(List.of("tags", "web", "feed.json")));
        assertEquals(java.util.Optional.of("tags/web/atom"), SiteResolver.key(List.of("tags", "web", "atom")));
        assertEquals(java.util.Optional.of("tags/web/page/12"), SiteResolver.key(List.of("tags", "web", "page", "12")));
        for (List<String> none : List.of(List.of("tags", "web", "rss"), List.of("tags", "web", "page", "02"),
                List.of("tags", "web", "page", "0"), List.of("tags", "web", "page", "x"),
                List.of("tags", "web", "page", "1234567890"), List.of("tags", "web", "pages", "2"))) {
            assertEquals(java.util.Optional.empty(), SiteResolver.key(none), none.toString());
        }
    }

    @Test
    void tagsAreLookedUpByTheirEncodedSegment() {
        assertEquals("tags/a%2Fb", foundKey("/tags/a%2Fb"));
        assertEquals("tags/..%2F..%2Fetc", foundKey("/tags/..%2F..%2Fetc"));
        // the literal key text requested raw does not reach it: %2F decodes to '/', re-encoded once
        assertInstanceOf(NotFound.class, resolve("/tags/a%252Fb"));
        assertInstanceOf(NotFound.class, resolve("/tags/a/b"));
        assertInstanceOf(NotFound.class, resolve("/tags/mirageos/extra/deep"));
    }

    @Test
    void redirectsAndStatics() {
        assertEquals("/About", assertInstanceOf(Redirect.class, resolve("/Posts/About")).location());
        assertEquals("static/css/style.css",
                assertInstanceOf(StaticFile.class, resolve("/static/css/style.css")).ref().path());
    }

    @Test
    void everythingElseIsTheNotFoundPage() {
        for (String path : List.of("/nope", "/.config/uuid", "/.git/config", "/Posts/ARP/x", "/static",
                "/..%2F..%2Fetc/passwd", "/%252e%252e/etc/passwd", "/tags/none")) {
            Resolution r = resolve(path);
            assertSame(snapshot.notFound(), assertInstanceOf(NotFound.class, r, path).page());
        }
    }
}
