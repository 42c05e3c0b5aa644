package dev.gitblog.content.events;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EventCodec;
import dev.gitblog.events.RevisionMarker;
import dev.gitblog.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;

/**
 * One-time read of what is already on the compacted topics, so that a restart publishes only what differs:
 * every partition of content.entries from the beginning to its end offset (the latest value per path, tombstones
 * removing it), and the last marker of this source on content.revisions. A plain consumer with manual
 * assignment: no group, no committed offsets.
 */
@ApplicationScoped
public class PublishedStateReader {

    private static final Logger LOG = Logger.getLogger(PublishedStateReader.class);

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    /** What the topics hold. */
    public record Published(Map<String, Entry> entries, RevisionMarker lastMarker) {
    }

    public Published read(String sourceId, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "content-service-readback");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            Map<String, Entry> entries = new HashMap<>();
            readAll(consumer, Topics.CONTENT_ENTRIES, deadline, (key, value) -> {
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
            readAll(consumer, Topics.CONTENT_REVISIONS, deadline, (key, value) -> {
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

    private static void readAll(KafkaConsumer<String, String> consumer, String topic, long deadline,
                                BiConsumer<String, String> sink) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, remaining(deadline));
        if (infos == null || infos.isEmpty()) {
            consumer.assign(List.of());
            return;
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, remaining(deadline));
        while (true) {
            boolean done = true;
            for (TopicPartition p : partitions) {
                if (consumer.position(p, remaining(deadline)) < end.get(p)) {
                    done = false;
                    break;
                }
            }
            if (done) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new org.apache.kafka.common.errors.TimeoutException("reading back " + topic + " took too long");
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    sink.accept(r.key(), r.value());
                }
            }
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime()));
    }
}
