package dev.gitblog.gateway.events;

import dev.gitblog.events.Entry;
import dev.gitblog.gateway.http.FakeContentService;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import static dev.gitblog.gateway.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole gateway from events to HTTP: entries, fragments, the atom feed and a marker go through the
 * in-memory channels, the assembler composes, the snapshot is swapped in and served; a second revision
 * deletes an article with tombstones.
 */
@QuarkusTest
@WithTestResource(FakeContentService.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    SnapshotHolder holder;

    static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            // poll again shortly (a condition with a deadline, not a fixed wait)
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** Publishes revision p1 of a small blog; returns when the gateway serves it. */
    static void publishFirstRevision(InMemoryConnector connector, SnapshotHolder holder) {
        PipelineEvents events = new PipelineEvents(connector);
        String r = "p1";
        List<Entry> entries = List.of(
                PipelineEvents.config("blog_name", "pipeline blog", r),
                PipelineEvents.config("index_page", "Posts", r),
                PipelineEvents.config("root", "https://example.org", r),
                PipelineEvents.config("uuid", "981361ca-e71d-4997-a52c-baeee78e4156", r),
                PipelineEvents.article("Posts/Hello", "Hello & welcome", List.of("greeting", "a/b"),
                        "the first post", r, "hash-hello", PipelineEvents.T1, PipelineEvents.T2),
                PipelineEvents.article("Posts/World", "World", List.of("greeting"), null, r, "hash-world",
                        PipelineEvents.T2, PipelineEvents.T3),
                PipelineEvents.article("About", "About me", List.of(), "who", r, "hash-about",
                        PipelineEvents.T1, PipelineEvents.T1),
                PipelineEvents.redirect("Posts/Old", "/About", r),
                PipelineEvents.asset("static/css/style.css", "0123456789abcdef0123456789abcdef01234567", "text/css", 100, r));
        // the marker first: the gateway must wait for everything else
        events.send(PipelineEvents.marker(r, null, entries.stream().map(Entry::path).toList(), List.of(),
                entries.size(), PipelineEvents.T3));
        for (Entry e : entries) {
            events.send(e);
        }
        for (Entry e : entries) {
            if (e.article() != null) {
                events.send(PipelineEvents.fragment(e, "<p>Body of " + e.path() + " with <em>markup</em>.</p>\n"
                        + "<ul>\n<li>one\n</li>\n<li>two\n</li>\n</ul>\n"));
            }
        }
        events.send(PipelineEvents.atom(r));
        await("revision p1 to be served", () -> "p1".equals(holder.servedRevision()));
    }

    @Test
    @Order(1)
    void aRevisionIsServedOnlyWhenComplete() {
        PipelineEvents events = new PipelineEvents(connector);
        holder.swap(null);
        // an incomplete revision (no fragments, no feed) is never served
        events.send(PipelineEvents.marker("p0", null, List.of(".config/blog_name", "Posts/Lonely"), List.of(), 2,
                PipelineEvents.T1));
        events.send(PipelineEvents.config("blog_name", "never shown", "p0"));
        events.send(PipelineEvents.article("Posts/Lonely", "Lonely", List.of(), null, "p0", "hash-lonely",
                PipelineEvents.T1, PipelineEvents.T1));
        await("the marker p0 to be seen", () -> "p0".equals(holder.newestMarkerRevision()));
        assertEquals(null, holder.servedRevision());
        management().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'site snapshot' }.status", equalTo("DOWN"));
        given().get("/Posts/Lonely").then().statusCode(503);
        // p1 supersedes it; the lonely article is deleted by tombstones
        events.deleteEntry("Posts/Lonely");
        publishFirstRevision(connector, holder);
        management().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'site snapshot' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'site snapshot' }.data.servedRevision", equalTo("p1"));
    }

    @Test
    @Order(2)
    void servesComposedPages() {
        if (!"p1".equals(holder.servedRevision())) {
            publishFirstRevision(connector, holder);
        }
        given().get("/Posts/Hello").then().statusCode(200)
                .header("X-Blog-Revision", "p1")
                .body(containsString("Hello &amp; welcome"))
                .body(containsString("Body of Posts/Hello"));
        String root = given().get("/").then().statusCode(200).extract().asString();
        assertEquals(given().get("/Posts").then().statusCode(200).extract().asString(), root);
        assertTrue(root.contains("/Posts/World") && root.contains("/Posts/Hello"), root);
        given().get("/tags/greeting").then().statusCode(200).body(containsString("/Posts/World"));
        given().urlEncodingEnabled(false).get("/tags/a%2Fb").then().statusCode(200).body(containsString("/Posts/Hello"));
        given().get("/tags").then().statusCode(200).body(containsString("greeting"));
        given().get("/atom").then().statusCode(200).body(containsString("<updated>p1</updated>"));
        given().redirects().follow(false).get("/Posts/Old").then().statusCode(301).header("Location", "/About");
        given().get("/nope").then().statusCode(404).body(containsString("Not found"));
        given().get("/api/articles/Posts/Hello").then().statusCode(200)
                .body("title", equalTo("Hello & welcome"))
                .body("created", equalTo("2016-07-12T15:40:22Z"))
                .body("tags[1]", equalTo("a/b"));
        given().get("/api/site").then().statusCode(200).body("blogName", equalTo("pipeline blog"))
                .body("upToDate", equalTo(true));
    }

    @Test
    @Order(3)
    void tombstonesRemoveAnArticle() {
        if (!"p1".equals(holder.servedRevision())) {
            publishFirstRevision(connector, holder);
        }
        PipelineEvents events = new PipelineEvents(connector);
        String before = given().get("/Posts").then().statusCode(200).extract().header("ETag");
        events.send(PipelineEvents.marker("p2", "p1", List.of(), List.of("Posts/Hello"), 8, PipelineEvents.T3));
        events.deleteEntry("Posts/Hello");
        events.deleteFragment("Posts/Hello");
        // still p1 until the feed of p2 arrives: a reader never sees half a push
        given().get("/Posts/Hello").then().statusCode(200).header("X-Blog-Revision", "p1");
        events.send(PipelineEvents.atom("p2"));
        await("revision p2 to be served", () -> "p2".equals(holder.servedRevision()));
        given().get("/Posts/Hello").then().statusCode(404).header("X-Blog-Revision", "p2");
        given().get("/Posts").then().statusCode(200).body(not(containsString("/Posts/Hello")))
                .header("ETag", not(equalTo(before)));
        given().urlEncodingEnabled(false).get("/tags/a%2Fb").then().statusCode(404);
        given().get("/api/articles/Posts/Hello").then().statusCode(404);
    }

    @Test
    @Order(4)
    void unreadableEventsAreSkipped() {
        PipelineEvents events = new PipelineEvents(connector);
        events.sendRaw("entries-in", "Posts/Broken", "{not json");
        events.sendRaw("entries-in", "Posts/Future", "{\"schemaVersion\":99,\"path\":\"Posts/Future\",\"kind\":\"ARTICLE\"}");
        // the channel keeps going: a later revision is still served
        Entry about = PipelineEvents.article("About", "About me again", List.of(), "who", "p3", "hash-about-2",
                PipelineEvents.T1, PipelineEvents.T3);
        events.send(PipelineEvents.marker("p3", "p2", List.of("About"), List.of(), 8, PipelineEvents.T3));
        events.send(about);
        events.send(PipelineEvents.fragment(about, "<p>new about</p>\n"));
        events.send(PipelineEvents.atom("p3"));
        await("revision p3 to be served", () -> "p3".equals(holder.servedRevision()));
        given().get("/About").then().statusCode(200).body(containsString("new about"));
        assertFalse(holder.current().orElseThrow().page("Posts/Broken").isPresent());
        management().get("/q/metrics").then().statusCode(200)
                .body(containsString("gateway_events_unreadable_total"))
                .body(containsString("gateway_snapshot_swaps_total"))
                .body(containsString("gateway_republish_latency_seconds_count"));
    }
}
