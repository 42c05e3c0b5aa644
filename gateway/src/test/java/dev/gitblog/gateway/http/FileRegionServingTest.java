package dev.gitblog.gateway.http;

import dev.gitblog.gateway.site.Content;
import dev.gitblog.gateway.site.Page;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import static dev.gitblog.gateway.http.SiteRoutesTest.plain;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pages sent with sendfile from page-store files held open ({@code FileRegionSender}), here for every page
 * (the threshold is one byte): the same bytes and headers as pages composed in the heap, none through the hot
 * cache, whole and in order when requests are pipelined, and the files closed when the sweep deletes them.
 */
@QuarkusTest
@TestProfile(FileRegionServingTest.EveryPageBySendfile.class)
@WithTestResource(FakeContentService.class)
class FileRegionServingTest extends ServesStoredSite {

    public static class EveryPageBySendfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "blog.page-store.sendfile-min-bytes", "1",
                    "blog.page-store.grace", "PT0S",
                    "blog.page-store.sweep-interval", "PT0S");
        }
    }

    private static final List<String> PATHS = List.of("Posts/ARP", "Posts", "About", "tags", "atom");

    private String fileName(String path, boolean gzip) {
        Page page = stored.page(path).orElseThrow();
        return assertInstanceOf(Content.OnDisk.class, gzip ? page.gzip() : page.identity()).name();
    }

    @Test
    void everyPageKindComesFromItsOpenFileWithTheHeadersOfTheHeapPage() {
        for (String path : PATHS) {
            for (int i = 0; i < 2; i++) {
                assertServedLikeTheHeapPage(path, path + " #" + i);
            }
            assertTrue(pages.openFiles().holds(fileName(path, false)), path + " is held open");
        }
        assertEquals(0, pages.hot().size(), "no page went through the hot cache");
    }

    @Test
    void gzipVariantsToo() {
        for (String path : PATHS) {
            Page heap = inHeap.page(path).orElseThrow();
            Response r = plain().header("Accept-Encoding", "gzip").get("/" + path);
            r.then().statusCode(200)
                    .header("Content-Encoding", "gzip")
                    .header("Content-Length", Integer.toString(heap.gzipBody().length))
                    .header("ETag", Validators.gzipEtag(heap.etag()));
            assertArrayEquals(heap.gzipBody(), r.asByteArray(), path);
            assertTrue(pages.openFiles().holds(fileName(path, true)), path + ".gz is held open");
        }
    }

    @Test
    void pipelinedResponsesStayWholeAndInOrder() throws IOException {
        List<RawHttp.Response> responses = RawHttp.pipelined(RestAssured.port,
                List.of("/Posts/ARP", "/atom", "/no/such/page", "/Posts", "/Posts/ARP"));
        assertEquals(List.of(200, 200, 404, 200, 200), responses.stream().map(RawHttp.Response::status).toList());
        List<byte[]> expected = List.of(inHeap.page("Posts/ARP").orElseThrow().body(),
                inHeap.page("atom").orElseThrow().body(), inHeap.notFound().body(),
                inHeap.page("Posts").orElseThrow().body(), inHeap.page("Posts/ARP").orElseThrow().body());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), responses.get(i).body().getBytes(StandardCharsets.ISO_8859_1),
                    "response " + i);
        }
    }

    @Test
    void theSweepClosesTheFilesItDeletes() {
        plain().get("/atom").then().statusCode(200);
        String name = fileName("atom", false);
        Content.OnDisk file = (Content.OnDisk) stored.page("atom").orElseThrow().identity();
        assertTrue(pages.openFiles().holds(name));
        // nothing is live and the grace period is zero: the sweep deletes every file (within a millisecond)
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Files.exists(file.file()) && System.nanoTime() < deadline) {
            pages.maybeSweep(Set::of);
            LockSupport.parkNanos(2_000_000L);
        }
        assertFalse(Files.exists(file.file()), "swept");
        assertFalse(pages.openFiles().holds(name), "and closed");
    }
}
