package dev.gitblog.render.events;

import dev.gitblog.events.EventCodec;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.Topics;
import dev.gitblog.render.config.RenderConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * On start, reads render.fragments from the beginning to its current end with a plain consumer (no
 * group, nothing committed) and records what is already published, so that this process re-renders
 * only entries that are missing or stale. Entries wait for this ({@link PublishedFragments#caughtUp()});
 * readiness reports it. If the broker is not reachable yet, it retries until it is.
 */
@ApplicationScoped
public class FragmentCatchUp {

    private static final Logger LOG = Logger.getLogger(FragmentCatchUp.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    @Inject
    RenderConfig config;

    @Inject
    PublishedFragments published;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    private volatile boolean stopping;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    void onStart(@Observes StartupEvent start) {
        if (!config.catchUp().enabled()) {
            LOG.info("catch-up from " + Topics.RENDER_FRAGMENTS + " is off: every article entry is rendered");
            published.markCaughtUp();
            return;
        }
        thread = new Thread(this::runUntilCaughtUp, "fragments-catch-up");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopping = true;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void runUntilCaughtUp() {
        int attempt = 0;
        while (!stopping) {
            attempt++;
            long started = System.nanoTime();
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(properties())) {
                consumer = c;
                int records = readToEnd(c);
                consumer = null;
                published.markCaughtUp();
                LOG.infof("caught up with %s: %d records read, %d articles have a fragment (%d ms)",
                        Topics.RENDER_FRAGMENTS, records, published.size(), (System.nanoTime() - started) / 1_000_000);
                return;
            } catch (WakeupException | InterruptException e) {
                return;
            } catch (RuntimeException e) {
                consumer = null;
                if (attempt == 1 || attempt % 15 == 0) {
                    LOG.warnf("cannot read %s yet (%s), retrying every %d s", Topics.RENDER_FRAGMENTS, e.toString(),
                            RETRY.toSeconds());
                }
                try {
                    Thread.sleep(RETRY.toMillis()); // back-off between connection attempts, not a test wait
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private int readToEnd(KafkaConsumer<String, String> c) {
        Duration timeout = config.catchUp().requestTimeout();
        List<PartitionInfo> infos = c.partitionsFor(Topics.RENDER_FRAGMENTS, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + Topics.RENDER_FRAGMENTS + " has no partitions yet");
        }
        List<TopicPartition> partitions = infos.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = c.endOffsets(partitions, timeout);
        int records = 0;
        while (!stopping && !reached(c, end)) {
            for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                records++;
                apply(r.key(), r.value());
            }
        }
        return records;
    }

    private static boolean reached(KafkaConsumer<String, String> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(String path, String value) {
        if (path == null) {
            return;
        }
        if (value == null) {
            published.loadedTombstone(path);
            return;
        }
        try {
            Fragment f = EventCodec.fragment(value);
            published.loaded(path, f.contentHash(), f.renderKey());
        } catch (EventCodec.EventFormatException e) {
            // unreadable (e.g. a newer schema): forget it, so that the entry is rendered again by this version
            published.loadedTombstone(path);
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "render-service-catch-up");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.catchUp().requestTimeout().toMillis());
        return p;
    }
}
