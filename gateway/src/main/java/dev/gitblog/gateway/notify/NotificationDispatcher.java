package dev.gitblog.gateway.notify;

import dev.gitblog.events.EventCodec;
import dev.gitblog.events.RevisionMarker;
import dev.gitblog.gateway.config.NotifyConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers webhooks and WebSub pings, exactly once per revision across gateway replicas: it reads
 * {@code content.revisions} in the consumer group {@code gateway-notifier}, shared by every replica. The topic has
 * one partition, so Kafka gives it to one replica at a time; that replica waits until it has served the marker's
 * revision, delivers, and only then acknowledges the marker (its offset is committed). Another replica that takes
 * the partition over starts after the last committed marker (docs/NOTIFICATIONS.md).
 */
@ApplicationScoped
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);
    private static final long WAIT_SLICE_MILLIS = 1000;

    private final EventStream stream;
    private final RevisionNotifier notifier;
    private final DeliveryLog log;
    private final ExecutorService pool;
    private final MeterRegistry registry;
    private final int targets;
    private volatile boolean stopping;

    public NotificationDispatcher(EventStream stream, NotifyConfig config, MeterRegistry registry) {
        this.stream = stream;
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

    @PreDestroy
    void stop() {
        stopping = true;
        pool.shutdownNow();
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

    @Incoming("notify-revisions-in")
    @Blocking(ordered = true)
    public void marker(Record<String, String> record) throws InterruptedException {
        if (record.value() == null || !notifier.enabled()) {
            return;
        }
        RevisionMarker marker;
        try {
            marker = EventCodec.revision(record.value());
        } catch (RuntimeException e) {
            LOG.warnf("skipped an unreadable revision marker for notifications: %s", e.getMessage());
            return;
        }
        ChangeLog changes = stream.changeLog();
        Optional<ChangeLog.Outcome> outcome = Optional.empty();
        while (outcome.isEmpty()) {
            if (stopping) {
                // not acknowledged: the replica that takes the partition over delivers it
                throw new InterruptedException("stopping before revision " + marker.revision() + " was served");
            }
            outcome = changes.awaitOutcome(marker.revision(), marker.publishedAt(), WAIT_SLICE_MILLIS);
        }
        if (outcome.get() instanceof ChangeLog.Skip skip) {
            LOG.debugf("no notification for revision %s: %s", marker.revision(), skip.reason());
            return;
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
