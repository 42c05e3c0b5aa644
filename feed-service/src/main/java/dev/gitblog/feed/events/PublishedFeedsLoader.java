package dev.gitblog.feed.events;

import dev.gitblog.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;

/**
 * Reads what is on {@code feed.documents} from the beginning to its current end with a plain
 * KafkaConsumer (assigned partitions, no group, nothing committed), and tells whether
 * {@code content.revisions} holds any marker (then "caught up" must wait for one).
 */
@ApplicationScoped
public class PublishedFeedsLoader {

    /** What the load found. */
    public record Result(int records, boolean revisionsExist) {
    }

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    @ConfigProperty(name = "mp.messaging.outgoing.feeds-out.topic", defaultValue = Topics.FEED_DOCUMENTS)
    String feedsTopic;

    @ConfigProperty(name = "mp.messaging.incoming.revisions-in.topic", defaultValue = Topics.CONTENT_REVISIONS)
    String revisionsTopic;

    /**
     * Hands every record of the feeds topic to {@code sink} (key, value; value null for a tombstone).
     *
     * @throws org.apache.kafka.common.KafkaException or {@link IllegalStateException} when the broker
     *         cannot be read within {@code timeout}; the caller retries
     */
    public Result load(BiConsumer<String, String> sink, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "feed-service-preload");
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            boolean revisionsExist = hasRecords(consumer, revisionsTopic, timeout);
            List<TopicPartition> partitions = partitions(consumer, feedsTopic, timeout);
            if (partitions.isEmpty()) {
                return new Result(0, revisionsExist);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            int records = 0;
            while (!atEnd(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + feedsTopic + " to its end within " + timeout);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null) {
                        sink.accept(r.key(), r.value());
                        records++;
                    }
                }
            }
            return new Result(records, revisionsExist);
        }
    }

    private static boolean atEnd(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasRecords(KafkaConsumer<String, String> consumer, String topic, Duration timeout) {
        List<TopicPartition> partitions = partitions(consumer, topic, timeout);
        if (partitions.isEmpty()) {
            return false;
        }
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        return partitions.stream().anyMatch(tp -> end.getOrDefault(tp, 0L) > begin.getOrDefault(tp, 0L));
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        return infos == null ? List.of() : infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }
}
