package dev.gitblog.gateway.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The marker loop: a marker's offset is committed once it is handled, and a marker not ready yet comes again. */
class MarkerConsumerTest {

    static final String TOPIC = "content.revisions";
    static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    final MockConsumer<String, String> kafka = new MockConsumer<>("earliest");
    final List<String> handled = new ArrayList<>();

    MarkerConsumer subscribed(MarkerConsumer.Handler handler) {
        MarkerConsumer markers = new MarkerConsumer(kafka, TOPIC, handler, Duration.ofMillis(10));
        markers.subscribe();
        assertFalse(markers.owner(), "no partition before the group assigns one");
        kafka.rebalance(List.of(TP));
        kafka.updateBeginningOffsets(Map.of(TP, 0L));
        return markers;
    }

    void add(long offset, String value) {
        kafka.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, "source", value));
    }

    OffsetAndMetadata committed() {
        return kafka.committed(Set.of(TP)).get(TP);
    }

    @Test
    void commitsEachMarkerAfterItIsHandledInOrder() throws Exception {
        MarkerConsumer markers = subscribed(v -> {
            assertEquals(handled.size(), committed() == null ? 0 : committed().offset(),
                    "the marker before was committed before this one is handled");
            handled.add(v);
            return true;
        });
        assertTrue(markers.owner(), "the assigned replica is the one that delivers");
        add(0, "a");
        add(1, "b");
        markers.pollOnce();
        assertEquals(List.of("a", "b"), handled);
        assertEquals(2, committed().offset());
    }

    @Test
    void aMarkerNotServedYetIsNotCommittedAndComesAgain() throws Exception {
        AtomicBoolean served = new AtomicBoolean(false);
        MarkerConsumer markers = subscribed(v -> {
            handled.add(v);
            return served.get();
        });
        add(0, "a");
        add(1, "b");
        markers.pollOnce();
        assertEquals(List.of("a"), handled, "the marker after one not ready is not handled before it");
        assertNull(committed());
        assertEquals(0, kafka.position(TP), "the position went back to the marker not ready");

        served.set(true);
        add(0, "a");
        add(1, "b");
        markers.pollOnce();
        assertEquals(List.of("a", "a", "b"), handled);
        assertEquals(2, committed().offset());
    }

    @Test
    void aTombstoneIsHandedOnAndCommitted() throws Exception {
        MarkerConsumer markers = subscribed(v -> {
            handled.add(String.valueOf(v));
            return true;
        });
        add(0, null);
        markers.pollOnce();
        assertEquals(List.of("null"), handled);
        assertEquals(1, committed().offset());
    }

    @Test
    void losingThePartitionEndsOwnership() throws Exception {
        MarkerConsumer markers = subscribed(v -> true);
        assertTrue(markers.owner());
        kafka.rebalance(List.of());
        assertFalse(markers.owner(), "another replica delivers after a hand-over");
    }

    @Test
    void runLeavesTheGroupWhenStopped() throws Exception {
        MarkerConsumer markers = new MarkerConsumer(kafka, TOPIC, v -> true, Duration.ofMillis(10));
        kafka.schedulePollTask(markers::stop);
        markers.run();
        assertTrue(kafka.closed(), "the consumer is closed, so the group hands the markers over at once");
        assertFalse(markers.owner());
    }

    @Test
    void aMarkerWhoseHandlingFailsIsSkippedAndTheNextOneHandled() throws Exception {
        MarkerConsumer markers = subscribed(v -> {
            handled.add(v);
            if (v.equals("a")) {
                throw new IllegalStateException("a bug of this replica");
            }
            return true;
        });
        add(0, "a");
        add(1, "b");
        markers.pollOnce();
        assertEquals(List.of("a", "b"), handled, "one failure does not stop the notifications");
        assertEquals(2, committed().offset());
    }

    @Test
    void aFailedPollDoesNotStopTheNotifications() {
        MarkerConsumer markers = new MarkerConsumer(kafka, TOPIC, v -> {
            handled.add(v);
            return true;
        }, Duration.ofMillis(10), Duration.ofMillis(10));
        kafka.schedulePollTask(() -> {
            kafka.rebalance(List.of(TP));
            kafka.updateBeginningOffsets(Map.of(TP, 0L));
            kafka.setPollException(new KafkaException("the broker is away"));
        });
        kafka.schedulePollTask(() -> add(0, "a"));
        AtomicReference<OffsetAndMetadata> committedThen = new AtomicReference<>();
        kafka.schedulePollTask(() -> {
            committedThen.set(committed());
            markers.stop();
        });
        markers.run();
        assertEquals(List.of("a"), handled, "the marker after the failed poll is handled");
        assertEquals(1, committedThen.get().offset());
        assertTrue(kafka.closed());
    }
}
