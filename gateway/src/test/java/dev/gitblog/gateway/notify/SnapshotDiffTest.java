package dev.gitblog.gateway.notify;

import dev.gitblog.gateway.http.TestSnapshots;
import dev.gitblog.gateway.notify.ChangeEvent.ChangedPath;
import dev.gitblog.gateway.site.Page;
import dev.gitblog.gateway.site.SiteSnapshot;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The URLs of a change event: those of the site's own links. */
class SnapshotDiffTest {

    static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    static SiteSnapshot withPages(String revision, SiteSnapshot.SiteInfo site, String... keys) {
        Map<String, Page> pages = new java.util.HashMap<>();
        for (String key : keys) {
            pages.put(key, Page.of(TestSnapshots.HTML, key.getBytes(StandardCharsets.UTF_8), T0));
        }
        return new SiteSnapshot(revision, T0, site, pages, Map.of(), Map.of(), null, List.of(), Map.of(), Map.of());
    }

    @Test
    void urlsAreTheSitesOwn() {
        SiteSnapshot.SiteInfo site = new SiteSnapshot.SiteInfo("b", "https://b.example//", "Posts", "urn:uuid:x",
                List.of(), List.of());
        ChangeEvent e = SnapshotDiff.between(withPages("r1", site), withPages("r2", site, "Posts/50%", "tags/a%2Fb/atom"),
                T0, 10);
        assertEquals(List.of(new ChangedPath("/Posts/50%", "https://b.example/Posts/50%25"),
                new ChangedPath("/tags/a%2Fb/atom", "https://b.example/tags/a%2Fb/atom")), e.changed());
    }

    @Test
    void withoutSiteInfoTheUrlsAreRootRelative() {
        ChangeEvent e = SnapshotDiff.between(withPages("r1", null), withPages("r2", null, "Posts/a b"), T0, 10);
        assertEquals(List.of(new ChangedPath("/Posts/a b", "/Posts/a%20b")), e.changed());
    }
}
