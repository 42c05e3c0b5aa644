package dev.gitblog.gateway.notify;

import dev.gitblog.gateway.api.Problem;
import dev.gitblog.gateway.config.NotifyConfig;
import dev.gitblog.gateway.events.SnapshotHolder;
import dev.gitblog.gateway.site.SiteSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /api/events}: server-sent events, one {@code revision} event per revision this gateway swaps in, sent
 * after the swap; {@code id} = the revision. A stream resumes after {@code Last-Event-ID} (or the query parameter
 * {@code lastEventId}) from {@link ChangeLog};
 * otherwise it starts with a {@code current} event (the revision served, and whether a resume was asked for and
 * impossible). A comment line every heartbeat keeps proxies from closing idle streams. Each subscriber may have at
 * most {@code max-pending-bytes} unsent: one that falls further behind is disconnected (it can resume), so slow
 * readers cost bounded memory.
 */
@ApplicationScoped
public class EventStream implements SnapshotHolder.SwapListener {

    static final String PATH = "/api/events";
    private static final Logger LOG = Logger.getLogger(EventStream.class);
    private static final Buffer HEARTBEAT = Buffer.buffer(": heartbeat\n\n");

    /** One open stream: its response and the event loop it belongs to. */
    private record Subscriber(HttpServerResponse response, Context context) {
    }

    private final ChangeLog log;
    private final NotifyConfig.Events config;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final Counter dropped;
    private final Counter sent;
    private final Vertx vertx;
    private final long heartbeatTimer;

    public EventStream(NotifyConfig config, MeterRegistry registry, Vertx vertx) {
        this.config = config.events();
        this.log = new ChangeLog(this.config.history(), this.config.historyBytes(), this.config.maxPaths());
        this.vertx = vertx;
        this.dropped = Counter.builder("gateway.events.dropped")
                .description("event-stream subscribers disconnected because they fell too far behind")
                .register(registry);
        this.sent = Counter.builder("gateway.events.sent")
                .description("revision events written to event-stream subscribers").register(registry);
        Gauge.builder("gateway.events.subscribers", subscribers, Set::size)
                .description("open /api/events streams").register(registry);
        this.heartbeatTimer = vertx.setPeriodic(this.config.heartbeat().toMillis(), id -> heartbeat());
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(heartbeatTimer);
        for (Subscriber s : subscribers) {
            s.context().runOnContext(v -> s.response().end());
        }
    }

    /** The revisions this gateway served recently (shared with the notifier). */
    public ChangeLog changeLog() {
        return log;
    }

    void register(@Observes Router router) {
        router.get(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 5).handler(this::open);
    }

    /**
     * True when an {@code Accept} header allows {@code text/event-stream}: absent, or a media range of
     * {@code text/event-stream}, {@code text/*} or {@code *}{@code /*} with a quality above zero.
     */
    static boolean acceptsEventStream(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
            if (!type.equals("text/event-stream") && !type.equals("text/*") && !type.equals("*/*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String param = parts[i].trim().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
                if (param.startsWith("q=")) {
                    refused = param.substring(2).matches("0(\\.0*)?");
                }
            }
            if (!refused) {
                return true;
            }
        }
        return false;
    }

    private static void problem(HttpServerResponse resp, int status, String title, String detail) {
        resp.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                        .put("detail", detail).put("instance", PATH).encode());
    }

    @Override
    public void swapped(SiteSnapshot previous, SiteSnapshot next, Instant publishedAt) {
        synchronized (this) { // a stream opening now sees the event in its backlog or gets it here, never both
            var published = log.swapped(previous, next, publishedAt);
            Buffer frame = published.map(p -> frame("revision", p.event().revision(), p.json()))
                    .orElseGet(() -> frame("current", next.revision(), ChangeJson.current(next.revision(), publishedAt, null)));
            for (Subscriber s : subscribers) {
                s.context().runOnContext(v -> write(s, frame, published.isPresent()));
            }
        }
    }

    private void open(RoutingContext ctx) {
        HttpServerResponse resp = ctx.response();
        if (!acceptsEventStream(ctx.request().getHeader(HttpHeaders.ACCEPT))) {
            problem(resp, 406, "Not Acceptable", "this resource is a text/event-stream; the request's Accept excludes it");
            return;
        }
        if (subscribers.size() >= config.maxSubscribers()) {
            resp.putHeader("Retry-After", "30");
            problem(resp, 503, "Service Unavailable", "this gateway has as many open event streams as it takes");
            return;
        }
        resp.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=UTF-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Accel-Buffering", "no")
                .setWriteQueueMaxSize(config.maxPendingBytes());
        Subscriber s = new Subscriber(resp, ctx.vertx().getOrCreateContext());
        String lastEventId = ctx.request().getHeader("Last-Event-ID");
        if (lastEventId == null) {
            // for clients that cannot set headers on the first connection (a browser's EventSource)
            lastEventId = ctx.request().getParam("lastEventId");
        }
        ChangeLog.Resume resume;
        synchronized (this) {
            resume = log.resume(lastEventId);
            subscribers.add(s);
        }
        resp.closeHandler(v -> subscribers.remove(s));
        resp.exceptionHandler(e -> subscribers.remove(s));
        Buffer first = Buffer.buffer("retry: 3000\n\n");
        if (resume instanceof ChangeLog.Backlog b) {
            for (ChangeLog.Published p : b.events()) {
                first.appendBuffer(frame("revision", p.event().revision(), p.json()));
            }
        } else if (resume instanceof ChangeLog.Restart r) {
            first.appendBuffer(frame("current", r.revision(), ChangeJson.current(r.revision(), r.publishedAt(), r.lastEventId())));
        } else {
            first.appendString(": no revision is served yet\n\n");
        }
        resp.write(first);
    }

    private void heartbeat() {
        for (Subscriber s : subscribers) {
            s.context().runOnContext(v -> write(s, HEARTBEAT, false));
        }
    }

    private void write(Subscriber s, Buffer frame, boolean event) {
        if (!subscribers.contains(s)) {
            return;
        }
        HttpServerResponse resp = s.response();
        if (resp.writeQueueFull()) {
            subscribers.remove(s);
            dropped.increment();
            LOG.debugf("dropped an event-stream subscriber that fell %d bytes behind", config.maxPendingBytes());
            resp.reset();
            return;
        }
        resp.write(frame);
        if (event) {
            sent.increment();
        }
    }

    static Buffer frame(String event, String id, byte[] json) {
        Buffer b = Buffer.buffer(json.length + 64);
        b.appendString("event: ").appendString(event).appendString("\nid: ").appendString(id).appendString("\ndata: ");
        b.appendBytes(json); // compact JSON: one line
        b.appendString("\n\n");
        return b;
    }

    /** Open streams now. */
    public int subscribers() {
        return subscribers.size();
    }

    /** The bytes of a frame, for tests. */
    static String text(Buffer b) {
        return b.toString(StandardCharsets.UTF_8);
    }

    List<ChangeLog.Published> history() {
        return log.events();
    }
}
