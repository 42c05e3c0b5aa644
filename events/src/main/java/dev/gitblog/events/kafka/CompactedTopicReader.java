package dev.gitblog.events.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;

/**
 * Reads a compacted topic once, from the beginning of every partition to the end offsets taken when the read
 * starts: how a service learns at start-up what is already published (content-service: its entries and last
 * marker; render-service: the fragments; feed-service: the feed documents). A plain consumer with manual
 * assignment: no group, nothing committed. Records written after the read started are left to the service's
 * regular consumer.
 */
public final class CompactedTopicReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private CompactedTopicReader() {
    }

    /** What one read found. */
    public record Read(int partitions, int records) {
    }

    /**
     * Consumer properties for such a read: the service's Kafka connection settings, then String keys and values,
     * no group, no auto-commit.
     *
     * @param connection the settings every Kafka client of the service shares: in a Quarkus service the
     *                   {@code default-kafka-broker} map (every {@code kafka.*} property, including those set as
     *                   {@code KAFKA_*} environment variables: bootstrap servers, security protocol, SASL and TLS
     *                   settings). Its {@code group.id} is dropped: this read assigns partitions itself.
     */
    public static Properties consumerProperties(Map<String, ?> connection, String clientId, Duration apiTimeout) {
        Properties p = new Properties();
        connection.forEach((key, value) -> {
            if (value != null) {
                p.put(key, value);
            }
        });
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        if (!p.containsKey(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("no " + ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG
                    + " among the Kafka connection settings (kafka.bootstrap.servers / KAFKA_BOOTSTRAP_SERVERS)");
        }
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, apiTimeout.toMillis()));
        return p;
    }

    /**
     * Hands every record of {@code topic} up to its current end to {@code sink} (key, value; the value is null
     * for a tombstone; records without a key are skipped), in offset order per partition. A topic without
     * partitions (not created yet) reads as {@code Read(0, 0)}.
     *
     * @throws TimeoutException when the end is not reached within {@code timeout}; the caller retries
     */
    public static <V> Read readToEnd(Consumer<String, V> consumer, String topic, Duration timeout,
            BiConsumer<String, V> sink) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicPartition> partitions = partitions(consumer, topic, remaining(deadline));
        consumer.assign(partitions);
        if (partitions.isEmpty()) {
            return new Read(0, 0);
        }
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, remaining(deadline));
        int records = 0;
        while (!reached(consumer, end, deadline)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("could not read " + topic + " to its end within " + timeout);
            }
            for (ConsumerRecord<String, V> r : consumer.poll(POLL)) {
                Long stop = end.get(new TopicPartition(r.topic(), r.partition()));
                if (r.key() != null && stop != null && r.offset() < stop) {
                    sink.accept(r.key(), r.value());
                    records++;
                }
            }
        }
        return new Read(partitions.size(), records);
    }

    /** Whether {@code topic} holds any record (for example: has any revision marker been published yet). */
    public static boolean hasRecords(Consumer<String, ?> consumer, String topic, Duration timeout) {
        List<TopicPartition> partitions = partitions(consumer, topic, timeout);
        if (partitions.isEmpty()) {
            return false;
        }
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        return partitions.stream().anyMatch(tp -> end.getOrDefault(tp, 0L) > begin.getOrDefault(tp, 0L));
    }

    private static List<TopicPartition> partitions(Consumer<String, ?> consumer, String topic, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        return infos == null ? List.of() : infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    private static boolean reached(Consumer<String, ?> consumer, Map<TopicPartition, Long> end, long deadline) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), remaining(deadline)) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime()));
    }
}
