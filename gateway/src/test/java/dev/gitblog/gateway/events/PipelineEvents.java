package dev.gitblog.gateway.events;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.EventCodec;
import dev.gitblog.events.FeedDocument;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.RevisionMarker;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds and sends the events of a small blog through the in-memory channels, as the other services would. */
public final class PipelineEvents {

    public static final Instant T1 = Instant.parse("2016-07-12T15:40:22Z");
    public static final Instant T2 = Instant.parse("2021-11-19T12:00:00Z");
    public static final Instant T3 = Instant.parse("2022-11-17T10:00:00Z");

    private final InMemoryConnector connector;

    public PipelineEvents(InMemoryConnector connector) {
        this.connector = connector;
    }

    public static Entry config(String name, String value, String revision) {
        return new Entry(1, ".config/" + name, EntryKind.CONFIG, revision, "h-" + name + value.hashCode(), T1, T1,
                null, null, new Entry.Config(value), null, null, List.of());
    }

    public static Entry article(String path, String title, List<String> tags, String abstractText, String revision,
                                String hash, Instant created, Instant updated) {
        return new Entry(1, path, EntryKind.ARTICLE, revision, hash, created, updated,
                new Entry.Article(title, "hannes", null, abstractText, tags, Map.of(), "body of " + title, "commonmark"),
                null, null, null, null, List.of());
    }

    public static Entry redirect(String path, String target, String revision) {
        return new Entry(1, path, EntryKind.REDIRECT, revision, "h-redirect-" + path, T1, T1,
                null, new Entry.Redirect(target), null, null, null, List.of());
    }

    public static Entry asset(String path, String hash, String mediaType, long size, String revision) {
        return new Entry(1, path, EntryKind.STATIC, revision, hash, T1, T2,
                null, null, null, new Entry.StaticAsset(mediaType, size), null, List.of());
    }

    public static Fragment fragment(Entry article, String bodyHtml) {
        String abstractHtml = article.article().abstractText() == null ? null
                : "<p>" + article.article().abstractText() + "</p>\n";
        return new Fragment(1, article.path(), article.revision(), article.contentHash(), "test-1", bodyHtml,
                abstractHtml, "excerpt", List.of(), List.of(), List.of(), null);
    }

    public static FeedDocument atom(String revision) {
        return new FeedDocument(1, "atom", revision, "application/atom+xml; charset=UTF-8",
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:uuid:test</id><updated>" + revision
                        + "</updated></feed>", 1, List.of());
    }

    public static RevisionMarker marker(String revision, String previous, List<String> changed, List<String> removed,
                                        int entryCount, Instant commitTime) {
        return new RevisionMarker(1, "blog", revision, previous, commitTime, changed, removed, entryCount, Instant.now());
    }

    public void send(Entry e) {
        sendRaw("entries-in", e.path(), EventCodec.encode(e));
    }

    public void deleteEntry(String path) {
        sendRaw("entries-in", path, null);
    }

    public void send(Fragment f) {
        sendRaw("fragments-in", f.path(), EventCodec.encode(f));
    }

    public void deleteFragment(String path) {
        sendRaw("fragments-in", path, null);
    }

    public void send(FeedDocument d) {
        sendRaw("feeds-in", d.feedPath(), EventCodec.encode(d));
    }

    public void send(RevisionMarker m) {
        sendRaw("revisions-in", m.sourceId(), EventCodec.encode(m));
    }

    /**
     * One record as the gateway's channels deliver it: a batch of one poll (they consume with {@code batch=true}),
     * its value the UTF-8 bytes of the JSON (their deserializer gives bytes).
     */
    public static ConsumerRecords<String, byte[]> batch(String key, String value) {
        TopicPartition partition = new TopicPartition("test", 0);
        return new ConsumerRecords<>(Map.of(partition, List.of(new ConsumerRecord<>("test", 0, 0L, key,
                value == null ? null : value.getBytes(StandardCharsets.UTF_8)))), Map.of());
    }

    public void sendRaw(String channel, String key, String value) {
        connector.source(channel).send(batch(key, value));
    }
}
