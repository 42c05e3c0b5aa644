package dev.gitblog.gateway.http;

import dev.gitblog.gateway.site.Content;
import dev.gitblog.gateway.site.Page;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static dev.gitblog.gateway.ManagementInterface.management;
import static dev.gitblog.gateway.http.SiteRoutesTest.plain;
import static org.hamcrest.Matchers.emptyString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Serving pages whose bytes are files of the page store (the gateway's default): the same bytes, ETags,
 * Last-Modified, 304s, gzip and HEAD as pages composed in the heap, whether the bytes come from the file
 * (sendFile) or from the hot cache.
 */
@QuarkusTest
@WithTestResource(FakeContentService.class)
class PageStoreServingTest extends ServesStoredSite {

    @Test
    void theStoreIsOnByDefaultAndHoldsThePages() {
        Page arp = stored.page("Posts/ARP").orElseThrow();
        Content.OnDisk file = assertInstanceOf(Content.OnDisk.class, arp.identity());
        assertTrue(Files.isRegularFile(file.file()));
        assertTrue(file.file().startsWith(pages.pageStore().orElseThrow().dir()));
    }

    @Test
    void bytesAndValidatorsEqualThoseOfPagesComposedInTheHeap() {
        for (String path : List.of("Posts/ARP", "Posts", "About", "tags", "atom")) {
            // three times: from the file, then (once the hot cache has loaded it) from the heap
            for (int i = 0; i < 3; i++) {
                assertServedLikeTheHeapPage(path, path + " #" + i);
            }
        }
    }

    @Test
    void fromTheFileAndFromTheHotCacheAlike() {
        Page arp = inHeap.page("Posts/ARP").orElseThrow();
        String name = stored.page("Posts/ARP").orElseThrow().identity().name();
        assertEquals(null, pages.hot().get(name));
        assertArrayEquals(arp.body(), plain().get("/Posts/ARP").asByteArray(), "sent from the file");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (pages.hot().get(name) == null && System.nanoTime() < deadline) {
            // poll again shortly (a condition with a deadline, not a fixed wait)
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
        }
        assertTrue(pages.hot().get(name) != null, "the hot cache loaded the page after the first request");
        assertArrayEquals(arp.body(), plain().get("/Posts/ARP").asByteArray(), "sent from the hot cache");
    }

    @Test
    void gzipVariantFromTheStore() throws IOException {
        Page heap = inHeap.page("Posts/ARP").orElseThrow();
        for (int i = 0; i < 3; i++) {
            Response r = plain().header("Accept-Encoding", "gzip").get("/Posts/ARP");
            r.then().statusCode(200)
                    .header("Content-Encoding", "gzip")
                    .header("Vary", "Accept-Encoding")
                    .header("ETag", Validators.gzipEtag(heap.etag()));
            byte[] compressed = r.asByteArray();
            assertArrayEquals(heap.gzipBody(), compressed);
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
                assertArrayEquals(heap.body(), in.readAllBytes());
            }
        }
    }

    @Test
    void headSendsTheHeadersWithoutTheBytes() {
        Page heap = inHeap.page("Posts").orElseThrow();
        plain().head("/Posts").then().statusCode(200)
                .header("Content-Length", Integer.toString(heap.body().length))
                .header("ETag", heap.etag())
                .body(emptyString());
        plain().header("Accept-Encoding", "gzip").head("/Posts").then().statusCode(200)
                .header("Content-Length", Integer.toString(heap.gzipBody().length))
                .header("Content-Encoding", "gzip")
                .body(emptyString());
    }

    @Test
    void conditionalRequestsGet304() {
        Page heap = inHeap.page("Posts/ARP").orElseThrow();
        plain().header("If-None-Match", heap.etag()).get("/Posts/ARP").then().statusCode(304).body(emptyString());
        plain().header("If-None-Match", Validators.gzipEtag(heap.etag())).header("Accept-Encoding", "gzip")
                .get("/Posts/ARP").then().statusCode(304).header("ETag", Validators.gzipEtag(heap.etag()));
        plain().header("If-Modified-Since", Validators.httpDate(heap.lastModified())).get("/Posts/ARP")
                .then().statusCode(304);
        plain().header("If-None-Match", "\"other\"").get("/Posts/ARP").then().statusCode(200);
    }

    @Test
    void theNotFoundPageComesFromTheStoreToo() {
        Response r = plain().get("/no/such/page");
        r.then().statusCode(404).header("ETag", inHeap.notFound().etag());
        assertArrayEquals(inHeap.notFound().body(), r.asByteArray());
    }

    @Test
    void sitePagesAreCountedByStatusAndOnlyTheApiIsTimed() {
        plain().get("/Posts/ARP").then().statusCode(200);
        io.restassured.RestAssured.get("/api/site").then().statusCode(200);
        io.restassured.RestAssured.get("/api/articles/no/such/article").then().statusCode(404);
        String metrics = management().get("/q/metrics").asString();
        assertTrue(metrics.contains("gateway_pages_served_total{status=\"200\"}"), "our own counter");
        assertTrue(metrics.contains("gateway_api_requests_seconds_count{method=\"GET\",route=\"api\",status=\"200\"}"),
                "the API is timed");
        assertTrue(metrics.contains("gateway_api_requests_seconds_count{method=\"GET\",route=\"api\",status=\"404\"}"),
                "by status");
        // Micrometer's per-request binder is off: it ran for every page, ignored URIs included
        assertTrue(!metrics.contains("http_server_requests_seconds"), "no per-URI series");
    }
}
