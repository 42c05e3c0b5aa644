package dev.gitblog.gateway.http;

import dev.gitblog.gateway.site.Content;
import dev.gitblog.gateway.site.Page;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPInputStream;

import static dev.gitblog.gateway.http.SiteRoutesTest.plain;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pages that are regions of a pack file ({@code files-per-build=0} packs every page of a composition): the same
 * bytes, gzip variants and ranges as pages composed in the heap, whether they go out with sendfile from the
 * pack held open (pages of 1,000 bytes or more here), from the hot cache or by the plain file path (their
 * smaller gzip variants); one descriptor for the whole pack; the pack deleted and closed once no page in it is
 * used.
 */
@QuarkusTest
@TestProfile(PackedPagesServingTest.EveryPageInAPack.class)
@WithTestResource(FakeContentService.class)
class PackedPagesServingTest extends ServesStoredSite {

    public static class EveryPageInAPack implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "blog.page-store.files-per-build", "0",
                    "blog.page-store.sendfile-min-bytes", "1000",
                    "blog.page-store.grace", "PT0S",
                    "blog.page-store.sweep-interval", "PT0S");
        }
    }

    private Content.OnDisk stored(String path, boolean gzip) {
        Page page = stored.page(path).orElseThrow();
        return assertInstanceOf(Content.OnDisk.class, gzip ? page.gzip() : page.identity());
    }

    /** The composed pages (a feed's text is stored when it arrives, outside any composition: a file). */
    private static final List<String> COMPOSED = List.of("Posts/ARP", "Posts", "About", "tags");

    @Test
    void everyComposedPageIsARegionOfOnePack() {
        Set<java.nio.file.Path> files = new HashSet<>();
        Set<Long> offsets = new HashSet<>();
        for (String path : COMPOSED) {
            for (boolean gzip : List.of(false, true)) {
                Content.OnDisk c = stored(path, gzip);
                files.add(c.file());
                assertTrue(offsets.add(c.offset()), path + " has a region of its own");
            }
        }
        assertEquals(1, files.size(), files.toString());
        assertTrue(files.iterator().next().getFileName().toString().startsWith("pack-"), files.toString());
    }

    @Test
    void servedLikeTheHeapPagesFromTheFileTheHotCacheAndSendfile() throws IOException {
        for (String path : ByteRangeServingTest.PAGES) {
            for (int i = 0; i < 3; i++) {
                assertServedLikeTheHeapPage(path, path + " #" + i);
            }
            Page heap = inHeap.page(path).orElseThrow();
            Response r = plain().header("Accept-Encoding", "gzip").get("/" + path);
            r.then().statusCode(200).header("Content-Encoding", "gzip")
                    .header("ETag", Validators.gzipEtag(heap.etag()));
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.asByteArray()))) {
                assertArrayEquals(heap.body(), in.readAllBytes(), path + ".gz");
            }
        }
        String pack = stored("Posts", false).file().getFileName().toString();
        assertTrue(pages.openFiles().holds(pack), "the pack is held open once, by its file name");
        for (String path : COMPOSED) {
            assertFalse(pages.openFiles().holds(stored(path, false).name()), "not by page: " + path);
        }
    }

    @Test
    void rangesAreThoseOfThePageNotOfThePack() {
        Random random = new Random(7);
        for (String path : ByteRangeServingTest.PAGES) {
            byte[] body = inHeap.page(path).orElseThrow().body();
            for (int i = 0; i < 8; i++) {
                ByteRangeServingTest.assertServesRange(path, ByteRangeServingTest.randomRange(random, body.length),
                        body);
            }
        }
    }

    @Test
    void thePackGoesWithItsLastPageAndIsClosed() {
        plain().get("/Posts").then().statusCode(200);
        Content.OnDisk posts = stored("Posts", false);
        String pack = posts.file().getFileName().toString();
        assertTrue(pages.openFiles().holds(pack));
        // nothing is live and the grace period is zero: the sweep drops every page, then the pack
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Files.exists(posts.file()) && System.nanoTime() < deadline) {
            pages.maybeSweep(Set::of);
            LockSupport.parkNanos(2_000_000L);
        }
        assertFalse(Files.exists(posts.file()), "deleted");
        assertFalse(pages.openFiles().holds(pack), "and closed");
    }
}
