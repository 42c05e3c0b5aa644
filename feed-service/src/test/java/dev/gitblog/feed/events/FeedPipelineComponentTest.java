package dev.gitblog.feed.events;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.io.WireFeedInput;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.EventCodec;
import dev.gitblog.events.FeedDocument;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.RevisionMarker;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static dev.gitblog.feed.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The pipeline with in-memory channels, as one story over three pushes (the application state carries
 * over from one step to the next, so the steps run in order).
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeedPipelineComponentTest {

    private static final String UUID = "981361ca-e71d-4997-a52c-baeee78e4156";
    private static final Instant T1 = Instant.parse("2016-04-01T16:41:56Z");
    private static final Instant T2 = Instant.parse("2016-07-12T15:40:22Z");

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    FeedPipeline pipeline;

    @Test
    @Order(1)
    void anIncompleteRevisionPublishesNothingThenAtomComesLastWithTheMarkersRevision() throws Exception {
        InMemorySink<Record<String, String>> sink = connector.sink("feeds-out");
        sink.clear();
        entry(config(".config/blog_name", "component blog", "r1"));
        entry(config(".config/root", "https://c.example", "r1"));
        entry(config(".config/uuid", UUID, "r1"));
        entry(article("About", "r1", "h-about", "About me", List.of("myself"), T1));
        entry(article("Posts/ARP", "r1", "h-arp", "Re-engineering ARP", List.of("mirageos", "protocol"), T2));
        fragment(fragment("About", "r1", "h-about", "<p>me</p>\n"));
        marker(new RevisionMarker(1, "blog", "r1", null, T2, List.of(".config/blog_name", ".config/root",
                ".config/uuid", "About", "Posts/ARP"), List.of(), 5, Instant.now()));

        await("the pipeline to see that Posts/ARP has no fragment", () -> "r1".equals(pipeline.status().newestRevision())
                && pipeline.status().missing().stream().anyMatch(m -> m.contains("fragment of Posts/ARP")));
        assertEquals(List.of(), sink.received(), "nothing before the revision is complete");
        management().when().get("/q/health/ready").then().statusCode(503);

        fragment(fragment("Posts/ARP", "r1", "h-other", "<p>stale</p>\n"));
        await("the pipeline to notice the stale fragment", () -> pipeline.status().missing().stream()
                .anyMatch(m -> m.contains("fragment of Posts/ARP for content h-arp")));
        assertEquals(List.of(), sink.received(), "a fragment of another content hash does not complete it");

        fragment(fragment("Posts/ARP", "r1", "h-arp", "<p>ARP</p>\n"));
        awaitAtom(sink, "r1");
        List<Record<String, String>> records = records(sink);
        assertEquals(List.of("rss.xml", "feed.json", "tags/myself/atom", "tags/mirageos/atom", "tags/protocol/atom", "atom",
                                "tags/myself/rss.xml", "tags/mirageos/rss.xml", "tags/protocol/rss.xml",
                                "tags/myself/feed.json", "tags/mirageos/feed.json", "tags/protocol/feed.json")
                        .stream().sorted().toList(),
                records.stream().map(Record::key).sorted().toList());
        assertEquals("atom", records.get(records.size() - 1).key(), "atom is sent last");
        FeedDocument atom = EventCodec.feed(records.get(records.size() - 1).value());
        assertEquals("r1", atom.revision());
        assertEquals("application/atom+xml; charset=UTF-8", atom.mediaType());
        assertEquals(2, atom.entryCount());
        Feed feed = (Feed) new WireFeedInput().build(new StringReader(atom.body()));
        assertEquals("urn:uuid:" + UUID, feed.getId());
        assertEquals("component blog", feed.getTitle());
        List<Entry> entries = feed.getEntries();
        assertEquals(List.of("Re-engineering ARP", "About me"), entries.stream().map(Entry::getTitle).toList());
        assertEquals("urn:uuid:a8b636d2-11af-5f21-818d-b26d47f2fa0f", entries.get(0).getId());
        assertEquals("<p>ARP</p>\n", entries.get(0).getContents().get(0).getValue());
        for (Record<String, String> r : records) {
            assertEquals("r1", EventCodec.feed(r.value()).revision(), r.key());
        }

        management().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/api/feeds").then().statusCode(200)
                .body("path", hasItems("atom", "rss.xml", "feed.json", "tags/mirageos/atom"));
        given().when().get("/api/feeds/atom").then().statusCode(200)
                .header("Content-Type", equalTo("application/atom+xml; charset=UTF-8"))
                .body(containsString("<id>urn:uuid:" + UUID + "</id>"));
        given().when().get("/api/feeds/tags/mirageos/atom").then().statusCode(200)
                .body(containsString("https://c.example/Posts/ARP"));
        given().when().get("/api/feeds/feed.json").then().statusCode(200)
                .header("Content-Type", equalTo("application/feed+json; charset=UTF-8"));
        given().when().get("/api/feeds/tags/nope/atom").then().statusCode(404);
        management().when().get("/q/health/live").then().statusCode(200);
        management().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("feed_build_seconds_count"))
                .body(containsString("feed_documents_published_total{kind=\"document\"} 12.0"));
        management().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/feeds"));
    }

    @Test
    @Order(2)
    void aPushThatChangesNoArticleRepublishesOnlyAtom() {
        InMemorySink<Record<String, String>> sink = connector.sink("feeds-out");
        sink.clear();
        // a commit that only touches a file the feeds do not use
        entry(config(".config/index_page", "Posts", "r2"));
        marker(new RevisionMarker(1, "blog", "r2", "r1", Instant.parse("2016-08-01T10:00:00Z"),
                List.of(".config/index_page"), List.of(), 6, Instant.now()));
        awaitAtom(sink, "r2");
        List<Record<String, String>> records = records(sink);
        assertEquals(List.of("atom"), records.stream().map(Record::key).toList(),
                "rss.xml, feed.json and tag feeds are unchanged");
        assertTrue(EventCodec.feed(records.get(0).value()).body().contains("<updated>2016-08-01T10:00:00-00:00</updated>"));
    }

    @Test
    @Order(3)
    void aRemovedArticleTombstonesItsTagFeedsAndRebuildsTheOthers() {
        InMemorySink<Record<String, String>> sink = connector.sink("feeds-out");
        sink.clear();
        entry("About", null);
        fragment("About", null);
        marker(new RevisionMarker(1, "blog", "r3", "r2", Instant.parse("2016-09-01T10:00:00Z"),
                List.of(), List.of("About"), 5, Instant.now()));
        awaitAtom(sink, "r3");
        List<Record<String, String>> records = records(sink);
        Map<String, String> byKey = records.stream()
                .collect(Collectors.toMap(Record::key, r -> r.value() == null ? "TOMBSTONE" : r.value()));
        assertEquals("TOMBSTONE", byKey.get("tags/myself/atom"));
        assertTrue(byKey.containsKey("rss.xml") && byKey.containsKey("feed.json"), byKey.keySet().toString());
        assertNull(byKey.get("tags/mirageos/atom"), "unchanged tag feeds are not resent");
        assertEquals("atom", records.get(records.size() - 1).key());
        assertEquals(1, EventCodec.feed(byKey.get("atom")).entryCount());
        given().when().get("/api/feeds/tags/myself/atom").then().statusCode(404);
    }

    @Test
    @Order(4) // last: it stops the feed builder of the shared application
    void aRecordDeliveredWhileTheServiceStopsIsDroppedWithoutAnError() {
        await("the builder to be idle after r3", () -> "r3".equals(pipeline.status().builtRevision()));
        pipeline.onStop(null); // what Quarkus does first on shutdown; the Kafka consumers stop after it
        var late = article("Posts/Late", "r4", "h-late", "Late", List.of(), T2);
        assertDoesNotThrow(() -> pipeline.entries(batch(late.path(), EventCodec.encode(late))));
    }

    // ---- helpers ----

    private void entry(dev.gitblog.events.Entry e) {
        entry(e.path(), EventCodec.encode(e));
    }

    private void entry(String path, String json) {
        connector.source("entries-in").send(batch(path, json));
    }

    private void fragment(Fragment f) {
        fragment(f.path(), EventCodec.encode(f));
    }

    private void fragment(String path, String json) {
        connector.source("fragments-in").send(batch(path, json));
    }

    /** One record as the input channels deliver it: a batch of one poll (they consume with {@code batch=true}). */
    private static ConsumerRecords<String, byte[]> batch(String key, String value) {
        TopicPartition partition = new TopicPartition("test", 0);
        return new ConsumerRecords<>(Map.of(partition, List.of(new ConsumerRecord<>("test", 0, 0L, key,
                value == null ? null : value.getBytes(StandardCharsets.UTF_8)))),
                Map.of());
    }

    private void marker(RevisionMarker m) {
        connector.source("revisions-in").send(batch("blog", EventCodec.encode(m)));
    }

    private static dev.gitblog.events.Entry config(String path, String value, String revision) {
        return new dev.gitblog.events.Entry(1, path, EntryKind.CONFIG, revision, "h-" + path, T1, T1, null, null,
                new dev.gitblog.events.Entry.Config(value), null, null, null);
    }

    private static dev.gitblog.events.Entry article(String path, String revision, String hash, String title,
                                                    List<String> tags, Instant created) {
        return new dev.gitblog.events.Entry(1, path, EntryKind.ARTICLE, revision, hash, created, created,
                new dev.gitblog.events.Entry.Article(title, "hannes", null, "abstract", tags, null, "body", "commonmark"),
                null, null, null, null, null);
    }

    private static Fragment fragment(String path, String revision, String hash, String body) {
        return new Fragment(1, path, revision, hash, "test", body, "<p>abstract</p>\n", "", null, null, null, null);
    }

    private static List<Record<String, String>> records(InMemorySink<Record<String, String>> sink) {
        return sink.received().stream().map(Message::getPayload).toList();
    }

    private static void awaitAtom(InMemorySink<Record<String, String>> sink, String revision) {
        await("atom of revision " + revision, () -> records(sink).stream().anyMatch(r -> r.key().equals("atom")
                && r.value() != null && revision.equals(EventCodec.feed(r.value()).revision())));
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
