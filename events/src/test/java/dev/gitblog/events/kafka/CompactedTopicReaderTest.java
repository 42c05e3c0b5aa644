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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
