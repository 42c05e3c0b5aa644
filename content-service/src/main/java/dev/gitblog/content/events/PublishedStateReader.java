package dev.gitblog.content.events;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EventCodec;
import dev.gitblog.events.RevisionMarker;
import dev.gitblog.events.Topics;
import dev.gitblog.events.kafka.CompactedTopicReader;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One-time read of what is already on the compacted topics, so that a restart publishes only what differs:
 * every partition of content.entries from the beginning to its end offset (the latest value per path, tombstones
 * removing it), and the last marker of this source on content.revisions. A plain consumer with manual
 * assignment: no group, no committed offsets.
 */
@ApplicationScoped
public class PublishedStateReader {

    private static final Logger LOG = Logger.getLogger(PublishedStateReader.class);

    /** The Kafka connection settings every client of this service shares (kafka.* / KAFKA_*). */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConnection;

    /** What the topics hold. */
    public record Published(Map<String, Entry> entries, RevisionMarker lastMarker) {
    }

    public Published read(String sourceId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                CompactedTopicReader.consumerProperties(kafkaConnection, "content-service-readback", timeout))) {
            Map<String, Entry> entries = new HashMap<>();
            CompactedTopicReader.readToEnd(consumer, Topics.CONTENT_ENTRIES, remaining(deadline), (key, value) -> {
                if (value == null) {
                    entries.remove(key);
                    return;
                }
                try {
                    entries.put(key, EventCodec.entry(value));
                } catch (EventCodec.EventFormatException e) {
                    entries.remove(key); // unreadable: treat as not published, so it is sent again
                    LOG.warnf("content.entries holds an unreadable value for %s (%s): it will be republished", key,
                            e.getMessage());
                }
            });
            RevisionMarker[] last = new RevisionMarker[1];
            CompactedTopicReader.readToEnd(consumer, Topics.CONTENT_REVISIONS, remaining(deadline), (key, value) -> {
                if (sourceId.equals(key)) {
                    try {
                        last[0] = value == null ? null : EventCodec.revision(value);
                    } catch (EventCodec.EventFormatException e) {
                        last[0] = null;
                    }
                }
            });
            return new Published(entries, last[0]);
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime()));
    }
}
