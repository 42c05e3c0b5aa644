package dev.gitblog.gateway.http;

import dev.gitblog.gateway.events.SnapshotHolder;
import dev.gitblog.gateway.site.ContentStore;
import dev.gitblog.gateway.site.GzipVariant;
import dev.gitblog.gateway.site.Page;
import dev.gitblog.gateway.site.SiteSnapshot;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static dev.gitblog.gateway.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(FakeContentService.class)
class SiteRoutesTest {

    @Inject
    SnapshotHolder holder;

    SiteSnapshot snapshot;

    @BeforeEach
    void serve() {
        snapshot = TestSnapshots.seedLike("rev-one", "first text");
        holder.swap(snapshot);
    }

    @AfterEach
    void keepServing() {
        holder.swap(snapshot);
    }

    /** Requests without transparent decompression, so the test sees exactly what the server sent. */
    static RequestSpecification plain() {
        return given().config(RestAssured.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .urlEncodingEnabled(false);
    }

    private Page page(String key) {
        return snapshot.page(key).orElseThrow();
    }

    @Test
    void articleWithHeaders() {
        Page arp = page("Posts/ARP");
        Response r = plain().get("/Posts/ARP");
        r.then().statusCode(200)
                .header("Content-Type", "text/html; charset=UTF-8")
                .header("ETag", arp.etag())
                .header("Last-Modified", "Fri, 19 Nov 2021 12:00:00 GMT")
                .header("Vary", "Accept-Encoding")
                .header("Cache-Control", "public, max-age=0, must-revalidate")
                .header("X-Blog-Revision", "rev-one")
                .header("Content-Encoding", nullValue())
                .header("Strict-Transport-Security", nullValue());
        assertArrayEquals(arp.body(), r.asByteArray());
    }

    @Test
    void rootIsTheIndexPageAndTrailingSlashesDoNotMatter() {
        byte[] root = plain().get("/").then().statusCode(200).extract().asByteArray();
        byte[] posts = plain().get("/Posts").then().statusCode(200).extract().asByteArray();
        byte[] postsSlash = plain().get("/Posts/").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(posts, root);
        assertArrayEquals(posts, postsSlash);
        assertArrayEquals(page("Posts").body(), posts);
        plain().get("/Posts/ARP/").then().statusCode(200).header("ETag", page("Posts/ARP").etag());
    }

    @Test
    void headHasTheHeadersOfGetAndNoBody() {
        for (String path : List.of("/Posts/ARP", "/", "/atom", "/tags/mirageos", "/nope")) {
            Response get = plain().get(path);
            Response head = plain().head(path);
            assertEquals(get.statusCode(), head.statusCode(), path);
            assertEquals(get.header("ETag"), head.header("ETag"), path);
            assertEquals(get.header("Content-Type"), head.header("Content-Type"), path);
            assertEquals(String.valueOf(get.asByteArray().length), head.header("Content-Length"), path);
            assertEquals(0, head.asByteArray().length, path);
        }
    }

    @Test
    void conditionalRequests() {
        String etag = page("Posts/ARP").etag();
        plain().header("If-None-Match", etag).get("/Posts/ARP").then().statusCode(304)
                .body(emptyString()).header("ETag", etag).header("X-Blog-Revision", "rev-one");
        plain().header("If-None-Match", "\"something-else\", " + etag).get("/Posts/ARP").then().statusCode(304);
        plain().header("If-None-Match", "\"something-else\"").get("/Posts/ARP").then().statusCode(200);
        plain().header("If-Modified-Since", "Fri, 19 Nov 2021 12:00:00 GMT").get("/Posts/ARP").then()
                .statusCode(304).body(emptyString());
        plain().header("If-Modified-Since", "Fri, 19 Nov 2021 11:59:59 GMT").get("/Posts/ARP").then()
                .statusCode(200);
        plain().header("If-None-Match", etag).head("/Posts/ARP").then().statusCode(304);
        // the 404 page is never "not modified"
        plain().header("If-None-Match", snapshot.notFound().etag()).get("/nope").then().statusCode(404);
    }

    @Test
    void aNewRevisionChangesTheValidator() {
        String before = plain().get("/Posts/ARP").header("ETag");
        holder.swap(TestSnapshots.seedLike("rev-two", "second text"));
        Response after = plain().header("If-None-Match", before).get("/Posts/ARP");
        after.then().statusCode(200).header("X-Blog-Revision", "rev-two").body(containsString("second text"));
        assertNotEquals(before, after.header("ETag"));
    }

    @Test
    void gzipWhenAccepted() throws IOException {
        Page arp = page("Posts/ARP");
        Response r = plain().header("Accept-Encoding", "gzip, deflate").get("/Posts/ARP");
        r.then().statusCode(200).header("Content-Encoding", "gzip").header("Vary", "Accept-Encoding")
                .header("ETag", Validators.gzipEtag(arp.etag()));
        byte[] compressed = r.asByteArray();
        assertArrayEquals(arp.gzipBody(), compressed);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            assertArrayEquals(arp.body(), in.readAllBytes());
        }
        // either validator is good for a 304
        plain().header("Accept-Encoding", "gzip").header("If-None-Match", Validators.gzipEtag(arp.etag()))
                .get("/Posts/ARP").then().statusCode(304);
        plain().header("Accept-Encoding", "gzip;q=0").get("/Posts/ARP").then().statusCode(200)
                .header("Content-Encoding", nullValue());
        // the 404 page too
        plain().header("Accept-Encoding", "gzip").get("/nope").then().statusCode(404).header("Content-Encoding", "gzip");
    }

    @Test
    void aPageWhoseGzipVariantIsStillToBeMadeGoesOutAsItIs() throws IOException {
        Page arp = page("Posts/ARP");
        GzipVariant later = GzipVariant.later();
        Page pending = Page.of(arp.contentType(), new ContentStore.PageFiles(arp.identity(), later), arp.lastModified());
        Map<String, Page> pages = new HashMap<>(snapshot.pages());
        pages.put("Posts/ARP", pending);
        holder.swap(new SiteSnapshot(snapshot.revision(), snapshot.commitTime(), snapshot.site(), pages,
                snapshot.redirects(), snapshot.statics(), snapshot.notFound(), snapshot.articles(), snapshot.tags(),
                snapshot.exportFiles()));

        Response r = plain().header("Accept-Encoding", "gzip").get("/Posts/ARP");
        r.then().statusCode(200).header("Content-Encoding", nullValue()).header("Vary", "Accept-Encoding")
                .header("ETag", arp.etag()).header("Content-Length", arp.identityLength());
        assertArrayEquals(arp.body(), r.asByteArray());
        plain().header("Accept-Encoding", "gzip").head("/Posts/ARP").then().statusCode(200)
                .header("Content-Encoding", nullValue()).header("Content-Length", arp.identityLength());

        // once made, the same page object serves it
        later.set(arp.gzip());
        Response gz = plain().header("Accept-Encoding", "gzip").get("/Posts/ARP");
        gz.then().statusCode(200).header("Content-Encoding", "gzip").header("ETag", Validators.gzipEtag(arp.etag()));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.asByteArray()))) {
            assertArrayEquals(arp.body(), in.readAllBytes());
        }
    }

    @Test
    void feedsAndTags() {
        plain().get("/atom").then().statusCode(200).header("Content-Type", "application/atom+xml; charset=UTF-8")
                .body(containsString("<feed"));
        plain().get("/tags/mirageos/atom").then().statusCode(200)
                .header("Content-Type", "application/atom+xml; charset=UTF-8");
        plain().get("/tags").then().statusCode(200).body(containsString("mirageos"));
        plain().get("/tags/mirageos").then().statusCode(200).body(containsString("mirageos listing"));
        plain().get("/tags/package%20signing").then().statusCode(200).body(containsString("package signing listing"));
        plain().get("/tags/a%2Fb").then().statusCode(200).body(containsString("tag with a slash"));
        plain().get("/tags/none").then().statusCode(404);
    }

    @Test
    void redirects() {
        plain().redirects().follow(false).get("/Posts/About").then().statusCode(301)
                .header("Location", "/About").header("Content-Length", "0").body(emptyString());
        plain().redirects().follow(false).head("/Posts/About").then().statusCode(301).header("Location", "/About");
    }

    @Test
    void notFoundIsAnHtmlPageInTheLayout() {
        plain().get("/nope").then().statusCode(404)
                .header("Content-Type", "text/html; charset=UTF-8")
                .header("X-Blog-Revision", "rev-one")
                .body(containsString("Not found"))
                .body(containsString("<nav>"));
    }

    @Test
    void unavailableBeforeTheFirstSnapshot() {
        holder.swap(null);
        plain().get("/Posts/ARP").then().statusCode(503).header("Retry-After", "5")
                .header("Content-Type", "text/html; charset=UTF-8").body(containsString("try again"));
        plain().head("/").then().statusCode(503);
    }

    @Test
    void onlyGetAndHead() {
        plain().post("/Posts/ARP").then().statusCode(405).header("Allow", "GET, HEAD");
        plain().delete("/").then().statusCode(405);
    }

    @Test
    void quarkusEndpointsAreOnTheManagementPortOnly() {
        management().get("/q/health/live").then().statusCode(200);
        management().get("/q/openapi").then().statusCode(200).body(containsString("/api/articles"));
        for (String path : new String[] {"/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi"}) {
            plain().get(path).then().statusCode(404);
        }
    }

    @Test
    void servedPagesAreCountedByStatus() {
        plain().get("/definitely-missing").then().statusCode(404);
        management().get("/q/metrics").then().statusCode(200)
                .body(containsString("gateway_pages_served_total{status=\"404\"}"))
                .body(containsString("gateway_pages_served_total{status=\"200\"}"));
    }

    @Test
    void traversalBatteryNeverLeaksAFile() throws IOException {
        int port = RestAssured.port;
        List<String> attacks = List.of(
                "/..%2F..%2Fetc/passwd", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
                "/%252e%252e/%252e%252e/etc/passwd", "/static/..%5C..%5Cetc%5Cpasswd", "/static\\..\\..\\etc\\passwd",
                "/Posts/ARP%00.html", "/%00", "//etc/passwd", "/Posts//ARP", "/.git/config", "/.config/uuid",
                "/static/../.config/uuid", "/static/%2e%2e/.config/uuid", "/tags/%2e%2e", "/tags/..",
                "/" + "a".repeat(4096), "/%zz", "/Posts/%C3%28",
                "/application.properties", "/gateway/src/main/resources/application.properties",
                "/WEB-INF/web.xml", "/META-INF/MANIFEST.MF");
        for (String attack : attacks) {
            RawHttp.Response r = RawHttp.get(port, attack);
            assertTrue(r.status() == 400 || r.status() == 404,
                    attack.substring(0, Math.min(60, attack.length())) + " answered " + r.status());
            assertFalse(r.body().contains("root:"), attack);
            assertFalse(r.body().contains("quarkus.http"), attack);
            assertFalse(r.body().contains("981361ca"), attack);
            assertFalse(r.body().contains("[core]"), attack);
        }
        assertEquals(400, RawHttp.get(port, "/../../etc/passwd").status());
        assertEquals(400, RawHttp.get(port, "/" + "a".repeat(4096)).status());
        assertEquals(400, RawHttp.get(port, "/Posts%2F..%2F..%2F.config/x/%00").status());
        assertEquals(404, RawHttp.get(port, "/.config/uuid").status());
        // a hostile tag name is still reachable as that one tag (docs/DECISIONS.md Decision 12)
        RawHttp.Response hostile = RawHttp.get(port, "/tags/..%2F..%2Fetc");
        assertEquals(200, hostile.status());
        assertTrue(hostile.body().contains("hostile tag"));
    }

    @Test
    void apiIsNotShadowedBySiteRoutes() {
        given().get("/api/site").then().statusCode(200).body("revision", equalTo("rev-one"));
        assertTrue(new String(plain().get("/api/tags").asByteArray(), StandardCharsets.UTF_8).startsWith("["));
    }
}
