package dev.gitblog.render.events;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.EventCodec;
import dev.gitblog.events.Fragment;
import dev.gitblog.render.render.FragmentRenderer;
import dev.gitblog.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static dev.gitblog.render.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kafka adapter with the in-memory connector: entries in, fragments out. Each test uses its own
 * paths (the application, and so what it has published, lives across tests). A "marker" article sent
 * last proves that everything before it was handled, since entries are handled in order.
 */
@QuarkusTest
class FragmentProcessorTest {

    @Inject
    @Any
    InMemoryConnector connector;

    private InMemorySource<Object> entries;
    private InMemorySink<Record<String, byte[]>> fragments;

    @BeforeEach
    void channels() {
        entries = connector.source("entries-in");
        fragments = connector.sink("fragments-out");
    }

    @Test
    void articleBecomesAFragmentKeyedByPath() {
        send("Posts/One", article("Posts/One", "h1", "Hello *world*, see [ARP](/Posts/ARP).\n\n- a\n- b\n", "An *abstract*", null));
        Record<String, byte[]> r = awaitRecord("Posts/One", 1).get(0);
        Fragment f = EventCodec.fragment(r.value());
        assertEquals("Posts/One", f.path());
        assertEquals("rev-h1", f.revision());
        assertEquals("h1", f.contentHash());
        assertEquals("r" + FragmentRenderer.RENDERER_VERSION + ";commonmark;trusted", f.renderKey());
        assertEquals("<p>Hello <em>world</em>, see <a href=\"/Posts/ARP\">ARP</a>.</p>\n"
                + "<ul>\n<li>a\n</li>\n<li>b\n</li>\n</ul>\n", f.bodyHtml());
        assertEquals("<p>An <em>abstract</em></p>\n", f.abstractHtml());
        assertEquals(List.of("/Posts/ARP"), f.localLinks());
        assertNull(f.error());

        given().when().get("/api/fragments/Posts/One").then().statusCode(200)
                .body("path", equalTo("Posts/One")).body("contentHash", equalTo("h1"))
                .body("bodyHtml", containsString("<em>world</em>"));
    }

    @Test
    void sameEntryTwicePublishesOneFragment() {
        String json = article("Posts/Twice", "h2", "same\n", null, null);
        send("Posts/Twice", json);
        send("Posts/Twice", json);
        marker("Posts/TwiceMarker");
        assertEquals(1, recordsFor("Posts/Twice").size());
    }

    @Test
    void changedContentHashIsRenderedAgain() {
        send("Posts/Edit", article("Posts/Edit", "h3a", "first\n", null, null));
        send("Posts/Edit", article("Posts/Edit", "h3b", "second\n", null, null));
        List<Record<String, byte[]>> rs = awaitRecord("Posts/Edit", 2);
        assertEquals("<p>second</p>\n", EventCodec.fragment(rs.get(1).value()).bodyHtml());
    }

    @Test
    void flavorChangeReRendersTheSameContent() {
        String md = "~~old~~ text\n";
        send("Posts/Flavor", article("Posts/Flavor", "h4", md, null, "commonmark"));
        send("Posts/Flavor", article("Posts/Flavor", "h4", md, null, "gfm"));
        List<Record<String, byte[]>> rs = awaitRecord("Posts/Flavor", 2);
        Fragment before = EventCodec.fragment(rs.get(0).value());
        Fragment after = EventCodec.fragment(rs.get(1).value());
        assertEquals("<p>~~old~~ text</p>\n", before.bodyHtml());
        assertEquals("<p><del>old</del> text</p>\n", after.bodyHtml());
        assertTrue(after.renderKey().endsWith(";gfm;trusted"), after.renderKey());
        // and once more with gfm: nothing new
        send("Posts/Flavor", article("Posts/Flavor", "h4", md, null, "gfm"));
        marker("Posts/FlavorMarker");
        assertEquals(2, recordsFor("Posts/Flavor").size());
    }

    @Test
    void deletedArticleGetsATombstone() {
        send("Posts/Gone", article("Posts/Gone", "h5", "bye\n", null, null));
        awaitRecord("Posts/Gone", 1);
        send("Posts/Gone", null);
        List<Record<String, byte[]>> rs = awaitRecord("Posts/Gone", 2);
        assertNull(rs.get(1).value(), "tombstone");
        given().when().get("/api/fragments/Posts/Gone").then().statusCode(404);
        // a second delete of a path without a fragment publishes nothing
        send("Posts/Gone", null);
        marker("Posts/GoneMarker");
        assertEquals(2, recordsFor("Posts/Gone").size());
    }

    @Test
    void nonArticlesPublishNothingUnlessTheyReplaceAnArticle() {
        send("Posts/About", redirect("Posts/About", "/About"));
        send("static/css/style.css", nonArticle("static/css/style.css", EntryKind.STATIC));
        marker("Posts/NonArticleMarker");
        assertEquals(0, recordsFor("Posts/About").size());
        assertEquals(0, recordsFor("static/css/style.css").size());

        send("Posts/Moved", article("Posts/Moved", "h6", "here\n", null, null));
        send("Posts/Moved", redirect("Posts/Moved", "/Elsewhere"));
        List<Record<String, byte[]>> rs = awaitRecord("Posts/Moved", 2);
        assertNull(rs.get(1).value(), "the article became a redirect: tombstone");
    }

    @Test
    void unreadableEntryIsSkippedAndProcessingGoesOn() {
        send("Posts/Broken", "{not json");
        send("Posts/Future", "{\"schemaVersion\":99,\"path\":\"Posts/Future\",\"kind\":\"ARTICLE\"}");
        marker("Posts/BrokenMarker");
        assertEquals(0, recordsFor("Posts/Broken").size());
        assertEquals(0, recordsFor("Posts/Future").size());
    }

    @Test
    void entryIsAcknowledgedOnlyAfterItsFragmentIsPublished() {
        AtomicBoolean publishedBeforeAck = new AtomicBoolean();
        CompletableFuture<Void> acked = new CompletableFuture<>();
        entries.send(Message.of(poll(Map.entry("Posts/Acked", article("Posts/Acked", "h7", "ack me\n", null, null))))
                .withAck(() -> {
                    publishedBeforeAck.set(!recordsFor("Posts/Acked").isEmpty());
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                }));
        Poll.until(acked::isDone, () -> "the entry is acknowledged");
        assertTrue(publishedBeforeAck.get(), "the fragment was published before the entry was acknowledged");
    }

    @Test
    void aPollIsHandledInOrderAndAcknowledgedOnceAllItsFragmentsArePublished() {
        AtomicBoolean allBeforeAck = new AtomicBoolean();
        CompletableFuture<Void> acked = new CompletableFuture<>();
        entries.send(Message.of(poll(
                        Map.entry("Posts/PollA", article("Posts/PollA", "p1", "first\n", null, null)),
                        Map.entry("Posts/PollB", article("Posts/PollB", "p2", "other\n", null, null)),
                        Map.entry("Posts/PollA", article("Posts/PollA", "p3", "second\n", null, null))))
                .withAck(() -> {
                    allBeforeAck.set(recordsFor("Posts/PollA").size() == 2 && recordsFor("Posts/PollB").size() == 1);
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                }));
        Poll.until(acked::isDone, () -> "the poll is acknowledged");
        assertTrue(allBeforeAck.get(), "every fragment of the poll was published before the poll was acknowledged");
        List<Record<String, byte[]>> a = recordsFor("Posts/PollA");
        assertEquals("<p>first</p>\n", EventCodec.fragment(a.get(0).value()).bodyHtml());
        assertEquals("<p>second</p>\n", EventCodec.fragment(a.get(1).value()).bodyHtml(), "in the poll's order");
    }

    @Test
    void renderErrorPublishesANoticeFragment() {
        String tooBig = "x".repeat((10 << 20) + 1);
        send("Posts/Huge", article("Posts/Huge", "h8", tooBig, null, null));
        Fragment f = EventCodec.fragment(awaitRecord("Posts/Huge", 1).get(0).value());
        assertTrue(f.error().contains("over the limit"), f.error());
        assertTrue(f.bodyHtml().startsWith("<div class=\"render-error\">"), f.bodyHtml());
        assertEquals("h8", f.contentHash());
    }

    @Test
    void metricsCountPublishedFragments() {
        send("Posts/Metric", article("Posts/Metric", "h9", "count me\n", null, null));
        awaitRecord("Posts/Metric", 1);
        management().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("render_fragments_published_total{outcome=\"rendered\""))
                .body(containsString("render_duration_seconds_count{source=\"entries\""));
    }

    // ---- helpers ----

    /** One entry, as a poll of one record (the channel consumes in batches). */
    private void send(String path, String json) {
        entries.send(poll(new AbstractMap.SimpleEntry<>(path, json)));
    }

    /** The records of one poll of content.entries, path to JSON (null: a tombstone), in their order. */
    @SafeVarargs
    private static ConsumerRecords<String, byte[]> poll(Map.Entry<String, String>... records) {
        TopicPartition partition = new TopicPartition(Topics.CONTENT_ENTRIES, 0);
        List<ConsumerRecord<String, byte[]>> list = new ArrayList<>();
        for (Map.Entry<String, String> r : records) {
            list.add(new ConsumerRecord<>(Topics.CONTENT_ENTRIES, 0, OFFSET.getAndIncrement(), r.getKey(),
                    utf8(r.getValue())));
        }
        return new ConsumerRecords<>(Map.of(partition, list));
    }

    private static final AtomicLong OFFSET = new AtomicLong();

    /** A value as it is on the topic: the UTF-8 bytes of its JSON (the channel's deserializer gives bytes). */
    private static byte[] utf8(String json) {
        return json == null ? null : json.getBytes(StandardCharsets.UTF_8);
    }

    private void marker(String path) {
        send(path, article(path, "marker", "marker\n", null, null));
        awaitRecord(path, 1);
    }

    private List<Record<String, byte[]>> recordsFor(String path) {
        return List.copyOf(fragments.received()).stream().map(Message::getPayload)
                .filter(r -> path.equals(r.key())).collect(Collectors.toList());
    }

    private List<Record<String, byte[]>> awaitRecord(String path, int count) {
        Poll.until(() -> recordsFor(path).size() >= count, () -> count + " fragment record(s) for " + path
                + ", have " + recordsFor(path).size());
        return recordsFor(path);
    }

    static String article(String path, String hash, String markdown, String abstractText, String flavor) {
        return EventCodec.encode(new Entry(Entry.SCHEMA_VERSION, path, EntryKind.ARTICLE, "rev-" + hash, hash,
                Instant.parse("2016-07-12T15:40:22Z"), Instant.parse("2021-11-19T14:33:08Z"),
                new Entry.Article("Title of " + path, "hannes", null, abstractText, List.of("mirageos"), Map.of(),
                        markdown, flavor),
                null, null, null, null, List.of()));
    }

    static String redirect(String path, String target) {
        return EventCodec.encode(new Entry(Entry.SCHEMA_VERSION, path, EntryKind.REDIRECT, "rev-r", "hr",
                Instant.EPOCH, Instant.EPOCH, null, new Entry.Redirect(target), null, null, null, List.of()));
    }

    static String nonArticle(String path, EntryKind kind) {
        return EventCodec.encode(new Entry(Entry.SCHEMA_VERSION, path, kind, "rev-s", "hs", Instant.EPOCH,
                Instant.EPOCH, null, null, null, new Entry.StaticAsset("text/css", 10), null, List.of()));
    }
}
