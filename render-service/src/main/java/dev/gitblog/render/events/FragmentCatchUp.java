package dev.gitblog.render.events;

import dev.gitblog.events.EventCodec;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.Topics;
import dev.gitblog.events.kafka.CompactedTopicReader;
import dev.gitblog.events.kafka.NativeLz4;
import dev.gitblog.render.config.RenderConfig;
import dev.gitblog.render.render.RenderThreads;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.RejectedExecutionException;

/**
 * On start, reads render.fragments from the beginning to its current end with a plain consumer (no
 * group, nothing committed) and records what is already published, so that this process re-renders
 * only entries that are missing or stale. Entries wait for this ({@link PublishedFragments#caughtUp()});
 * readiness reports it. If the broker is not reachable yet, it retries every {@link #RETRY} until it is. Each
 * attempt is a task on the service's {@link RenderThreads}.
 */
@ApplicationScoped
public class FragmentCatchUp {

    private static final Logger LOG = Logger.getLogger(FragmentCatchUp.class);
    private static final Duration RETRY = Duration.ofSeconds(2);
    /** The whole read may take this many request timeouts (5,000 fragments are ~100 MB) before it is retried. */
    private static final int READ_TIMEOUT_FACTOR = 20;

    @Inject
    RenderConfig config;

    @Inject
    PublishedFragments published;

    @Inject
    RenderThreads threads;

    /** The Kafka connection settings every client of this service shares (kafka.* / KAFKA_*). */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConnection;

    private volatile boolean stopping;
    private volatile KafkaConsumer<String, String> consumer;
    private int attempt;

    /** Kafka's LZ4 in native code before any client reads a batch (events NativeLz4); static: no bean yet. */
    static void loadNativeLz4(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        LOG.info("Kafka's LZ4 codec: " + NativeLz4.load());
    }

    void onStart(@Observes StartupEvent start) {
        if (!config.catchUp().enabled()) {
            LOG.info("catch-up from " + Topics.RENDER_FRAGMENTS + " is off: every article entry is rendered");
            published.markCaughtUp();
            return;
        }
        threads.execute(this::attempt);
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopping = true;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** One attempt to read to the end; on failure the next one is scheduled (attempts never overlap). */
    private void attempt() {
        if (stopping) {
            return;
        }
        attempt++;
        long started = System.nanoTime();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(properties())) {
            consumer = c;
            int records = readToEnd(c);
            consumer = null;
            published.markCaughtUp();
            LOG.infof("caught up with %s: %d records read, %d articles have a fragment (%d ms)",
                    Topics.RENDER_FRAGMENTS, records, published.size(), (System.nanoTime() - started) / 1_000_000);
        } catch (WakeupException | InterruptException e) {
            consumer = null;
        } catch (RuntimeException e) {
            consumer = null;
            if (attempt == 1 || attempt % 15 == 0) {
                LOG.warnf("cannot read %s yet (%s), retrying every %d s", Topics.RENDER_FRAGMENTS, e.toString(),
                        RETRY.toSeconds());
            }
            if (!stopping) {
                try {
                    threads.schedule(this::attempt, RETRY);
                } catch (RejectedExecutionException shuttingDown) {
                    // the executor is closed: the service is stopping
                }
            }
        }
    }

    private int readToEnd(KafkaConsumer<String, String> c) {
        CompactedTopicReader.Read read = CompactedTopicReader.readToEnd(c, Topics.RENDER_FRAGMENTS,
                config.catchUp().requestTimeout().multipliedBy(READ_TIMEOUT_FACTOR), this::apply);
        if (read.partitions() == 0) {
            throw new IllegalStateException("topic " + Topics.RENDER_FRAGMENTS + " has no partitions yet");
        }
        return read.records();
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
        return CompactedTopicReader.consumerProperties(kafkaConnection, "render-service-catch-up",
                config.catchUp().requestTimeout());
    }
}
