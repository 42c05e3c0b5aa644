package dev.gitblog.feed.events;

import dev.gitblog.events.Topics;
import dev.gitblog.events.kafka.CompactedTopicReader;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;
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

    /** The Kafka connection settings every client of this service shares (kafka.* / KAFKA_*). */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConnection;

    @ConfigProperty(name = "mp.messaging.outgoing.feeds-out.topic", defaultValue = Topics.FEED_DOCUMENTS)
    String feedsTopic;

    @ConfigProperty(name = "mp.messaging.incoming.revisions-in.topic", defaultValue = Topics.CONTENT_REVISIONS)
    String revisionsTopic;

    /**
     * Hands every record of the feeds topic to {@code sink} (key, value; value null for a tombstone).
     *
     * @throws org.apache.kafka.common.KafkaException when the broker cannot be read within {@code timeout}
     *         (a {@link org.apache.kafka.common.errors.TimeoutException}); the caller retries
     */
    public Result load(BiConsumer<String, String> sink, Duration timeout) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                CompactedTopicReader.consumerProperties(kafkaConnection, "feed-service-preload", timeout))) {
            boolean revisionsExist = CompactedTopicReader.hasRecords(consumer, revisionsTopic, timeout);
            int records = CompactedTopicReader.readToEnd(consumer, feedsTopic, timeout, sink).records();
            return new Result(records, revisionsExist);
        }
    }
}
