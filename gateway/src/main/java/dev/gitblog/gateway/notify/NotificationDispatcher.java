package dev.gitblog.gateway.notify;

import dev.gitblog.events.EventCodec;
import dev.gitblog.events.RevisionMarker;
import dev.gitblog.events.Topics;
import dev.gitblog.gateway.config.NotifyConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers webhooks and WebSub pings, exactly once per revision across gateway replicas: a {@link MarkerConsumer}
 * reads {@code content.revisions} in the consumer group {@code gateway-notifier}, shared by every replica that has
 * notifications configured. The topic has one partition, so Kafka gives it to one replica at a time; that replica
 * waits until it has served the marker's revision, delivers, and commits the marker's offset before it polls again,
 * so a hand-over to another replica falls between two markers (docs/NOTIFICATIONS.md).
 *
 * <p>Threads: one for the marker consumer ({@code notify-markers}), and a small pool that sends to every target of
 * a revision at once, each with its own retries.
 */
@ApplicationScoped
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);
    /** How long a marker waits for its revision before the consumer polls again (and asks again). */
    private static final long WAIT_SLICE_MILLIS = 2000;
    private static final Duration POLL = Duration.ofSeconds(5);

    private final EventStream stream;
    private final RevisionNotifier notifier;
    private final DeliveryLog log;
    private final ExecutorService pool;
    private final MeterRegistry registry;
    private final int targets;
    private final NotifyConfig config;
    private final Map<String, Object> kafkaConnection;
    private MarkerConsumer markers;
    private Thread markerThread;

    /**
     * @param kafkaConnection the Kafka settings every client of the gateway shares ({@code kafka.*} properties and
     *                        {@code KAFKA_*} environment variables: bootstrap servers, security settings)
     */
    public NotificationDispatcher(EventStream stream, NotifyConfig config, MeterRegistry registry,
                                  @Identifier("default-kafka-broker") Map<String, Object> kafkaConnection) {
        this.stream = stream;
        this.config = config;
        this.kafkaConnection = kafkaConnection;
        this.registry = registry;
        this.log = new DeliveryLog(config.logSize());
        List<String> urls = config.urls().orElse(List.of()).stream().map(String::trim).filter(u -> !u.isEmpty()).toList();
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, Math.min(8, urls.size() + 2)), r -> {
            Thread t = new Thread(r, "notify-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        RetryingPost post = new RetryingPost(client,
                new Backoff(config.attempts(), config.initialBackoff(), config.maxBackoff()), config.timeout(),
                d -> Thread.sleep(d.toMillis()), Clock.systemUTC());
        Optional<String> secret = config.secret().filter(s -> !s.isBlank());
        this.notifier = new RevisionNotifier(urls, secret.orElse(null), config.websubHub().orElse(null), post, log, pool,
                this::attempted);
        this.targets = urls.size();
        if (!urls.isEmpty() && secret.isEmpty()) {
            LOG.warnf("BLOG_NOTIFY_URLS is set without BLOG_NOTIFY_SECRET: webhooks go out unsigned");
        }
        if (notifier.enabled()) {
            LOG.infof("change notifications: %d webhook receiver(s)%s", urls.size(),
                    config.websubHub().map(h -> ", WebSub hub " + DeliveryLog.redact(h)).orElse(""));
        }
    }

    /** Joins the notifier group when there is anything to notify; a replica without targets stays out of it. */
    void start(@Observes StartupEvent event) {
        if (!notifier.enabled()) {
            return;
        }
        markers = new MarkerConsumer(new KafkaConsumer<>(consumerProperties()), Topics.CONTENT_REVISIONS,
                this::marker, POLL);
        markerThread = new Thread(markers, "notify-markers");
        markerThread.setDaemon(true);
        markerThread.start();
    }

    /**
     * The group's consumer: one marker per poll, committed by hand after it is handled. {@code max.poll.interval.ms}
     * is how long the handling of one marker (its deliveries with their retries) may take before the group gives
     * the markers to another replica; a longer one may be delivered twice.
     */
    private Properties consumerProperties() {
        Properties p = new Properties();
        kafkaConnection.forEach((k, v) -> {
            if (v != null) {
                p.put(k, v);
            }
        });
        p.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.group());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-notifier");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, config.handOverTimeout().toMillis()));
        // an idle notifier asks the broker every 5 s, not twice a second (the idle cost of the system)
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5000);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        if (markers != null) {
            // a delivery in flight is given up, its marker not committed: the next owner delivers it
            markers.stop();
            markerThread.interrupt();
            markerThread.join(10_000);
        }
        pool.shutdownNow();
    }

    /** True while this replica holds the markers, that is, is the one that delivers. */
    public boolean owner() {
        return markers != null && markers.owner();
    }

    /** The recent deliveries, newest first. */
    public DeliveryLog deliveries() {
        return log;
    }

    /** Webhook receivers configured. */
    public int webhookTargets() {
        return targets;
    }

    /** True when a hub or webhook receivers are configured. */
    public boolean enabled() {
        return notifier.enabled();
    }

    /**
     * Handles one marker: waits up to a few seconds until this gateway has swapped its revision in, then delivers.
     * Returns false when the revision is not served yet (the marker comes again after the consumer's next poll).
     */
    boolean marker(String value) throws InterruptedException {
        if (value == null) {
            return true;
        }
        RevisionMarker marker;
        try {
            marker = EventCodec.revision(value);
        } catch (RuntimeException e) {
            LOG.warnf("skipped an unreadable revision marker for notifications: %s", e.getMessage());
            return true;
        }
        Optional<ChangeLog.Outcome> outcome = stream.changeLog()
                .awaitOutcome(marker.revision(), marker.publishedAt(), WAIT_SLICE_MILLIS);
        if (outcome.isEmpty()) {
            return false;
        }
        if (outcome.get() instanceof ChangeLog.Skip skip) {
            LOG.debugf("no notification for revision %s: %s", marker.revision(), skip.reason());
            return true;
        }
        ChangeLog.Published p = ((ChangeLog.Deliver) outcome.get()).published();
        var done = notifier.notify(p);
        long failed = done.stream().filter(d -> !"delivered".equals(d.outcome())).count();
        for (var d : done) {
            Counter.builder("gateway.notify.deliveries").description("webhook and WebSub deliveries, by kind and outcome")
                    .tag("kind", d.kind()).tag("outcome", d.outcome()).register(registry).increment();
        }
        LOG.infof("notified revision %s: %d deliveries%s", shortId(p.event().revision()), done.size(),
                failed == 0 ? "" : ", " + failed + " failed (see /api/notifications)");
        return true;
    }

    private void attempted(int attempt, int status, String error) {
        Counter.builder("gateway.notify.attempts").description("delivery attempts, by result")
                .tag("result", error == null ? "ok" : status == 0 ? "error" : Integer.toString(status))
                .register(registry).increment();
    }

    private static String shortId(String revision) {
        return revision.substring(0, Math.min(7, revision.length()));
    }
}
