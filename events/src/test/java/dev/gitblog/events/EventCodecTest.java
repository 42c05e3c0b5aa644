package dev.gitblog.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reads the version-1 fixture JSON of every event, checks the fields, and writes it back unchanged. */
class EventCodecTest {

    static String fixture(String name) throws IOException {
        try (InputStream in = EventCodecTest.class.getResourceAsStream("/fixtures/v1/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    static void assertSameJson(String expected, String actual) throws IOException {
        JsonNode e = EventCodec.mapper().readTree(expected);
        JsonNode a = EventCodec.mapper().readTree(actual);
        // empty lists are optional on the wire; compare after dropping them
        dropEmptyArrays(e);
        dropEmptyArrays(a);
        assertEquals(e, a);
    }

    static void dropEmptyArrays(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            List<String> empty = new java.util.ArrayList<>();
            o.fields().forEachRemaining(f -> {
                if (f.getValue().isArray() && f.getValue().isEmpty()) {
                    empty.add(f.getKey());
                } else {
                    dropEmptyArrays(f.getValue());
                }
            });
            o.remove(empty);
        }
    }

    @Test
    void articleEntryRoundTrips() throws IOException {
        String json = fixture("entry-article.json");
        Entry e = EventCodec.entry(json);
        assertEquals("Posts/ARP", e.path());
        assertEquals(EntryKind.ARTICLE, e.kind());
        assertEquals(Instant.parse("2016-07-12T15:40:22Z"), e.created());
        assertEquals(List.of("mirageos", "protocol"), e.article().tags());
        assertEquals("x", e.article().extra().get("participants"));
        assertEquals("commonmark", e.article().markdownFlavor());
        assertNull(e.article().authorUrl());
        assertSameJson(json, EventCodec.encode(e));
    }

    @Test
    void everyEntryKindRoundTrips() throws IOException {
        for (String name : List.of("entry-redirect.json", "entry-static.json", "entry-config.json", "entry-invalid.json")) {
            String json = fixture(name);
            Entry e = EventCodec.entry(json);
            assertSameJson(json, EventCodec.encode(e));
        }
        assertEquals("/About", EventCodec.entry(fixture("entry-redirect.json")).redirect().target());
        assertEquals(1234, EventCodec.entry(fixture("entry-static.json")).staticAsset().size());
        assertEquals(3, EventCodec.entry(fixture("entry-invalid.json")).invalid().line());
    }

    @Test
    void revisionFragmentAndFeedRoundTrip() throws IOException {
        String rev = fixture("revision.json");
        RevisionMarker m = EventCodec.revision(rev);
        assertEquals(12, m.entryCount());
        assertEquals(List.of("Posts/Old"), m.removedPaths());
        assertSameJson(rev, EventCodec.encode(m));

        String frag = fixture("fragment.json");
        Fragment f = EventCodec.fragment(frag);
        assertEquals(2, f.headings().get(0).level());
        assertNull(f.error());
        assertSameJson(frag, EventCodec.encode(f));

        String feed = fixture("feed.json");
        FeedDocument d = EventCodec.feed(feed);
        assertEquals("atom", d.feedPath());
        assertSameJson(feed, EventCodec.encode(d));
    }

    @Test
    void timesAreIsoStringsInUtc() {
        Entry e = new Entry(Entry.SCHEMA_VERSION, "About", EntryKind.CONFIG, "r", "h",
                Instant.parse("2016-04-01T16:41:56Z"), Instant.parse("2016-04-01T16:41:56Z"),
                null, null, new Entry.Config("v"), null, null, null);
        String json = EventCodec.encode(e);
        assertTrue(json.contains("\"created\":\"2016-04-01T16:41:56Z\""), json);
    }

    @Test
    void newerSchemaIsRejectedNotMisread() throws IOException {
        var ex = assertThrows(EventCodec.EventFormatException.class, () -> EventCodec.entry(fixture("entry-v99.json")));
        assertTrue(ex.getMessage().contains("schemaVersion 99"), ex.getMessage());
        assertThrows(EventCodec.EventFormatException.class, () -> EventCodec.entry("{not json"));
        assertThrows(EventCodec.EventFormatException.class, () -> EventCodec.entry((String) null));
        assertThrows(EventCodec.EventFormatException.class, () -> EventCodec.entry((byte[]) null));
        var fromBytes = assertThrows(EventCodec.EventFormatException.class,
                () -> EventCodec.entry(fixture("entry-v99.json").getBytes(StandardCharsets.UTF_8)));
        assertTrue(fromBytes.getMessage().contains("schemaVersion 99"), fromBytes.getMessage());
        assertThrows(EventCodec.EventFormatException.class,
                () -> EventCodec.entry("{not json".getBytes(StandardCharsets.UTF_8)));
        // bytes that are not UTF-8 are an unreadable value (the consumers skip and count it), never a crash
        byte[] latin1 = "{\"schemaVersion\":1,\"path\":\"Grüße\",\"kind\":\"STATIC\"}"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(EventCodec.EventFormatException.class, () -> EventCodec.entry(latin1));
    }

    @Test
    void theUtf8BytesOfAnEventReadAndWriteAsItsString() {
        Entry e = new Entry(Entry.SCHEMA_VERSION, "Posts/Ünïcode", EntryKind.ARTICLE, "rev", "hash",
                Instant.parse("2016-04-01T16:41:56Z"), Instant.parse("2016-04-02T16:41:56Z"),
                new Entry.Article("Grüße — “quoted” 🐫", "hannes", null, null, List.of("ocaml"), Map.of(),
                        "# Grüße 🐫\n\nnon-Latin-1: λ, ☃\n", null),
                null, null, null, null, List.of());
        byte[] utf8 = EventCodec.encodeUtf8(e);
        assertArrayEquals(EventCodec.encode(e).getBytes(StandardCharsets.UTF_8), utf8);
        assertEquals(e, EventCodec.entry(utf8));
        assertEquals(EventCodec.entry(EventCodec.encode(e)), EventCodec.entry(utf8));

        Fragment f = new Fragment(Fragment.SCHEMA_VERSION, "Posts/Ünïcode", "rev", "hash", "r1", "<p>λ 🐫</p>\n",
                null, "λ 🐫", List.of(), List.of(), List.of(), null);
        assertEquals(f, EventCodec.fragment(EventCodec.encodeUtf8(f)));
        assertThrows(EventCodec.EventFormatException.class, () -> EventCodec.fragment(
                "{\"schemaVersion\":1,\"path\":\"a\"}".getBytes(StandardCharsets.UTF_8)), "revision is required");
    }

    @Test
    void unknownFieldsFromANewerProducerAreIgnored() {
        Entry e = EventCodec.entry("{\"schemaVersion\":1,\"path\":\"a\",\"kind\":\"CONFIG\",\"futureField\":42,"
                + "\"config\":{\"value\":\"x\"}}");
        assertEquals("x", e.config().value());
    }

    @Test
    void anEntryReadWithoutMarkdownEqualsTheEntryWithoutIt() throws IOException {
        String json = fixture("entry-article.json");
        Entry full = EventCodec.entry(json);
        assertNotNull(full.article().markdown(), "the fixture has markdown");
        Entry slim = EventCodec.entryWithoutMarkdown(json);
        assertNull(slim.article().markdown());
        assertEquals(full.withoutMarkdown(), slim);
    }

    @Test
    void aFragmentReadWithoutBodyEqualsTheFragmentWithANullBody() throws IOException {
        byte[] json = fixture("fragment.json").getBytes(StandardCharsets.UTF_8);
        Fragment full = EventCodec.fragment(json);
        assertNotNull(full.bodyHtml(), "the fixture has a body");
        Fragment slim = EventCodec.fragmentWithoutBody(json);
        assertNull(slim.bodyHtml());
        assertEquals(new Fragment(full.schemaVersion(), full.path(), full.revision(), full.contentHash(),
                full.renderKey(), null, full.abstractHtml(), full.excerpt(), full.headings(), full.localLinks(),
                full.localImages(), full.error()), slim);
        assertThrows(EventCodec.EventFormatException.class, () -> EventCodec.fragmentWithoutBody(
                "{\"schemaVersion\":1,\"revision\":\"r\",\"contentHash\":\"h\"}".getBytes(StandardCharsets.UTF_8)),
                "its path is still required");
    }

    @Test
    void aNewerSchemaThatDoesNotFitTheRecordIsNamedAsNewer() {
        var ex = assertThrows(EventCodec.EventFormatException.class, () -> EventCodec.entry(
                "{\"path\":\"a\",\"kind\":\"SOMETHING_NEW\",\"schemaVersion\":2}"));
        assertTrue(ex.getMessage().contains("schemaVersion 2"), ex.getMessage());
        var old = assertThrows(EventCodec.EventFormatException.class, () -> EventCodec.entry(
                "{\"schemaVersion\":1,\"path\":\"a\",\"kind\":\"SOMETHING_NEW\"}"));
        assertTrue(old.getMessage().startsWith("malformed Entry"), old.getMessage());
        var none = assertThrows(EventCodec.EventFormatException.class, () -> EventCodec.entry(
                "{\"path\":\"a\",\"kind\":\"CONFIG\"}"));
        assertTrue(none.getMessage().contains("schemaVersion 0"), none.getMessage());
    }

    @Test
    void recordsAServiceKeepsShareTheirShortStrings() throws IOException {
        byte[] entry = fixture("entry-article.json").getBytes(StandardCharsets.UTF_8);
        Entry a = EventCodec.entryWithoutMarkdown(entry);
        Entry b = EventCodec.entryWithoutMarkdown(entry);
        assertNotSame(a, b);
        assertSame(a.path(), b.path());
        assertSame(a.revision(), b.revision());
        assertSame(a.article().author(), b.article().author());
        assertSame(a.article().tags().get(0), b.article().tags().get(0));

        Fragment f = EventCodec.fragment(fixture("fragment.json").getBytes(StandardCharsets.UTF_8));
        assertEquals(a.path(), f.path());
        assertSame(a.path(), f.path(), "the fragment's path is the entry's");

        String longBody = "<p>" + "x".repeat(EventCodec.CANONICAL_MAX_CHARS) + "</p>";
        Fragment withBody = new Fragment(Fragment.SCHEMA_VERSION, f.path(), f.revision(), f.contentHash(),
                f.renderKey(), longBody, null, null, List.of(), List.of(), List.of(), null);
        byte[] json = EventCodec.encodeUtf8(withBody);
        assertNotSame(EventCodec.fragment(json).bodyHtml(), EventCodec.fragment(json).bodyHtml(),
                "a long value is kept as read");
        assertEquals(longBody, EventCodec.fragment(json).bodyHtml());
        assertNotSame(EventCodec.entry(entry).path(), EventCodec.entry(entry).path(),
                "a service that reads an entry once (render-service) reads plain strings");
    }
}
