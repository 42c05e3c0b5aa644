package dev.gitblog.feed.events;

import dev.gitblog.events.EventCodec;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.Topics;
import dev.gitblog.events.kafka.CompactedTopicReader;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads fragments back from {@code render.fragments} for the articles whose bodies feed-service left out
 * ({@link FeedState#keepsBody}) and that a build now features: the topic from its beginning to its current end,
 * with a plain KafkaConsumer (assigned partitions, no group, nothing committed), keeping the last record of each
 * path asked for. Rare: only after more than a feed's worth of newer articles of one tag, or of the site, were
 * deleted or retagged (feed-service README, "Memory").
 */
@ApplicationScoped
public class FragmentBodies {

    /** The Kafka connection settings every client of this service shares (kafka.* / KAFKA_*). */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConnection;

    @ConfigProperty(name = "mp.messaging.incoming.fragments-in.topic", defaultValue = Topics.RENDER_FRAGMENTS)
    String fragmentsTopic;

    /**
     * The newest fragment on the topic of each of {@code paths} that has one (a path whose last record is a
     * tombstone has none).
     *
     * @throws org.apache.kafka.common.KafkaException when the broker cannot be read within {@code timeout}; the
     *         caller retries
     */
    public Map<String, Fragment> read(Set<String> paths, Duration timeout) {
        Map<String, byte[]> last = new HashMap<>();
        Properties properties = CompactedTopicReader.consumerProperties(kafkaConnection, "feed-service-bodies", timeout);
        // values as bytes: only the few asked for are decoded (the topic holds every article's HTML)
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
            CompactedTopicReader.readToEnd(consumer, fragmentsTopic, timeout, (key, value) -> {
                if (paths.contains(key)) {
                    last.put(key, value);
                }
            });
        }
        Map<String, Fragment> fragments = new HashMap<>();
        last.forEach((path, json) -> {
            if (json != null) {
                fragments.put(path, EventCodec.fragment(json));
            }
        });
        return fragments;
    }
}
