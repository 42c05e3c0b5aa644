package dev.gitblog.gateway.notify;

import dev.gitblog.gateway.notify.ChangeEvent.ChangedPath;
import dev.gitblog.gateway.notify.DeliveryLog.Delivery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Tells the outside world about one served revision: a WebSub {@code publish} to the hub for every feed that
 * changed, and the event's JSON, signed, to every webhook URL. All targets are sent to at once, each with its own
 * retries; {@link #notify} returns when every one is delivered or has failed for good.
 */
public final class RevisionNotifier {

    public static final String WEBHOOK = "webhook";
    public static final String WEBSUB = "websub";

    private final List<String> webhookUrls;
    private final String secret;
    private final String hub;
    private final RetryingPost post;
    private final DeliveryLog log;
    private final ExecutorService pool;
    private final RetryingPost.AttemptListener attempts;

    /**
     * @param webhookUrls where to POST the event JSON
     * @param secret      the HMAC key of {@link Signatures#HEADER}, or null to send unsigned
     * @param hub         the WebSub hub URL, or null
     */
    public RevisionNotifier(List<String> webhookUrls, String secret, String hub, RetryingPost post, DeliveryLog log,
                            ExecutorService pool, RetryingPost.AttemptListener attempts) {
        this.webhookUrls = List.copyOf(webhookUrls);
        this.secret = secret == null || secret.isEmpty() ? null : secret;
        this.hub = hub == null || hub.isBlank() ? null : hub.trim();
        this.post = post;
        this.log = log;
        this.pool = pool;
        this.attempts = attempts;
    }

    /** True when there is anything to notify. */
    public boolean enabled() {
        return !webhookUrls.isEmpty() || hub != null;
    }

    /** Sends every notification of {@code p}; returns the deliveries (also added to the log). */
    public List<Delivery> notify(ChangeLog.Published p) throws InterruptedException {
        String revision = p.event().revision();
        List<Callable<Delivery>> jobs = new ArrayList<>();
        if (hub != null) {
            for (ChangedPath feed : p.event().feeds()) {
                String id = Signatures.deliveryId(WEBSUB, revision, feed.url());
                byte[] form = ("hub.mode=publish&hub.url=" + URLEncoder.encode(feed.url(), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
                jobs.add(() -> post.send(id, WEBSUB, revision, hub, "application/x-www-form-urlencoded", form,
                        Map.of("X-Blog-Delivery", id), attempts));
            }
        }
        for (String url : webhookUrls) {
            String id = Signatures.deliveryId(WEBHOOK, revision, url);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-Blog-Delivery", id);
            headers.put("X-Blog-Event", "revision");
            headers.put("X-Blog-Revision", revision);
            if (secret != null) {
                headers.put(Signatures.HEADER, Signatures.sign(secret, p.json()));
            }
            jobs.add(() -> post.send(id, WEBHOOK, revision, url, "application/json", p.json(), headers, attempts));
        }
        List<Future<Delivery>> running = new ArrayList<>(jobs.size());
        for (Callable<Delivery> job : jobs) {
            running.add(pool.submit(job));
        }
        List<Delivery> done = new ArrayList<>(jobs.size());
        try {
            for (Future<Delivery> f : running) {
                Delivery d = f.get();
                log.add(d);
                done.add(d);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedException ie) {
                running.forEach(f -> f.cancel(true));
                throw ie;
            }
            throw new IllegalStateException("a delivery failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            running.forEach(f -> f.cancel(true));
            throw e;
        }
        return done;
    }
}
