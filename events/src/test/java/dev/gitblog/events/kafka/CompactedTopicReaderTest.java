package dev.gitblog.events.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompactedTopicReaderTest {

    private static final String TOPIC = "t";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");

    private void twoPartitions(long end0, long end1) {
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null),
                new PartitionInfo(TOPIC, 1, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(Map.of(P0, end0, P1, end1));
    }

    @Test
    void readsEveryPartitionToTheEndTakenAtTheStartAndNothingAfterIt() {
        twoPartitions(2, 1);
        consumer.schedulePollTask(() -> {
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "a", "1"));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 1, 0, "b", "2"));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "a", null));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 2, "late", "written after the read started"));
        });
        List<String> seen = new ArrayList<>();
        CompactedTopicReader.Read read = CompactedTopicReader.readToEnd(consumer, TOPIC, Duration.ofSeconds(5),
                (k, v) -> seen.add(k + "=" + v));
        assertEquals(new CompactedTopicReader.Read(2, 3), read);
        assertTrue(seen.indexOf("a=1") < seen.indexOf("a=null"), "offset order within a partition: " + seen);
        assertTrue(seen.contains("b=2"), seen::toString);
        assertFalse(seen.stream().anyMatch(s -> s.startsWith("late")), "records past the end are not read: " + seen);
    }

    @Test
    void aTopicWithoutPartitionsReadsAsEmpty() {
        assertEquals(new CompactedTopicReader.Read(0, 0),
                CompactedTopicReader.readToEnd(consumer, TOPIC, Duration.ofSeconds(1), (k, v) -> { }));
        assertFalse(CompactedTopicReader.hasRecords(consumer, TOPIC, Duration.ofSeconds(1)));
    }

    @Test
    void anEndThatIsNeverReachedTimesOut() {
        twoPartitions(5, 0);
        assertThrows(TimeoutException.class,
                () -> CompactedTopicReader.readToEnd(consumer, TOPIC, Duration.ofMillis(300), (k, v) -> { }));
    }

    @Test
    void hasRecordsComparesBeginningAndEnd() {
        twoPartitions(0, 0);
        assertFalse(CompactedTopicReader.hasRecords(consumer, TOPIC, Duration.ofSeconds(1)));
        consumer.updateEndOffsets(Map.of(P1, 3L));
        assertTrue(CompactedTopicReader.hasRecords(consumer, TOPIC, Duration.ofSeconds(1)));
    }

    @Test
    void consumerTakesTheServicesConnectionSettingsButNoGroupAndItsOwnReadSettings() {
        Map<String, Object> connection = Map.of(
                "bootstrap.servers", "broker:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
                "ssl.truststore.type", "PEM",
                "group.id", "content-service",
                "enable.auto.commit", "true");
        Properties p = CompactedTopicReader.consumerProperties(connection, "reader", Duration.ofSeconds(7));
        assertEquals("broker:9093", p.get("bootstrap.servers"));
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", p.get("sasl.mechanism"));
        assertEquals(connection.get("sasl.jaas.config"), p.get("sasl.jaas.config"));
        assertEquals("PEM", p.get("ssl.truststore.type"));
        assertNull(p.get("group.id"), "a read with assigned partitions joins no group");
        assertEquals("false", p.get("enable.auto.commit"));
        assertEquals("reader", p.get("client.id"));
        assertEquals(7000, p.get("default.api.timeout.ms"));
    }

    @Test
    void connectionWithoutBootstrapServersIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompactedTopicReader.consumerProperties(Map.of("security.protocol", "SSL"), "reader", Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("KAFKA_BOOTSTRAP_SERVERS"), e.getMessage());
    }
}
