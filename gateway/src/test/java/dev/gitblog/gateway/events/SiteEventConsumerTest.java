package dev.gitblog.gateway.events;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EventCodec;
import dev.gitblog.gateway.site.SiteAssembler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

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

    private static ConsumerRecords<String, String> record(Entry e) {
        return PipelineEvents.batch(e.path(), EventCodec.encode(e));
    }
}
