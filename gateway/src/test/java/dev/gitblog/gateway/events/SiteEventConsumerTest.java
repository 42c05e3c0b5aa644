package dev.gitblog.gateway.events;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EventCodec;
import dev.gitblog.gateway.site.SiteAssembler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SiteEventConsumerTest {

    @Test
    void eventsDeliveredAfterShutdownBeganAreDroppedNotApplied() {
        SiteAssembler assembler = new SiteAssembler();
        SiteEventConsumer consumer = new SiteEventConsumer(assembler, new SnapshotHolder(), new SimpleMeterRegistry(),
                Clock.systemUTC(), null);
        consumer.entries(record(PipelineEvents.article("Posts/One", "One", List.of(), "a", "r1", "h1",
                PipelineEvents.T1, PipelineEvents.T1)));
        assertEquals(1, consumer.status().entries());

        consumer.stop(null);
        consumer.entries(record(PipelineEvents.article("Posts/Two", "Two", List.of(), "a", "r1", "h2",
                PipelineEvents.T1, PipelineEvents.T1)));
        assertEquals(1, consumer.status().entries(), "the page store may be gone: nothing is applied any more");
    }

    @Test
    void anUnreadableRecordIsSkippedAloneAndTheRestOfItsPollApplies() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SiteEventConsumer consumer = new SiteEventConsumer(new SiteAssembler(), new SnapshotHolder(), registry,
                Clock.systemUTC(), null);
        Entry one = PipelineEvents.article("Posts/One", "One", List.of(), "a", "r1", "h1", PipelineEvents.T1,
                PipelineEvents.T1);
        Entry two = PipelineEvents.article("Posts/Two", "Two", List.of(), "a", "r1", "h2", PipelineEvents.T1,
                PipelineEvents.T1);
        TopicPartition partition = new TopicPartition("content.entries", 0);
        consumer.entries(new ConsumerRecords<>(Map.of(partition, List.of(
                new ConsumerRecord<>("content.entries", 0, 0L, one.path(), EventCodec.encodeUtf8(one)),
                new ConsumerRecord<>("content.entries", 0, 1L, "Posts/Broken",
                        "{not json".getBytes(StandardCharsets.UTF_8)),
                new ConsumerRecord<>("content.entries", 0, 2L, two.path(), EventCodec.encodeUtf8(two)))),
                Map.of()));

        assertEquals(2, consumer.status().entries(), "the records before and after the broken one are applied");
        assertEquals(1.0, registry.counter("gateway.events.unreadable").count());
    }

    private static ConsumerRecords<String, byte[]> record(Entry e) {
        return PipelineEvents.batch(e.path(), EventCodec.encode(e));
    }
}
