package dev.gitblog.gateway.http;

import dev.gitblog.gateway.events.SnapshotHolder;
import dev.gitblog.gateway.site.SiteSnapshot;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Conditional requests of the JSON API: every {@code GET}/{@code HEAD} answer of {@code /api/*} is a function of
 * the served revision and the URL, so its strong ETag is the revision ({@link #etag}), and {@code If-None-Match}
 * with it is answered {@code 304} before the resource is even looked at; {@code If-Match} with another one is
 * {@code 412}. {@code /api/site} also tells the newest revision seen and what a late revision waits for, so it
 * gets a tag only once the gateway serves the newest revision it has seen.
 * {@code /api/events} (a stream) has no validator.
 */
@ApplicationScoped
public class ApiValidators {

    private final SnapshotHolder holder;

    public ApiValidators(SnapshotHolder holder) {
        this.holder = holder;
    }

    void register(@Observes Router router) {
        // after ApiRequestTimer (which then also times the 304s), before RESTEasy
        router.route("/api/*").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 10).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        SiteSnapshot snapshot = holder.current().orElse(null);
        if ((req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) || snapshot == null) {
            ctx.next();
            return;
        }
        String etag = etag(req.path(), snapshot.revision(), holder.caughtUp());
        if (etag == null) {
            ctx.next();
            return;
        }
        HttpServerResponse resp = ctx.response();
        ConditionalRequest.Outcome outcome = ConditionalRequest.evaluate(req.getHeader(HttpHeaders.IF_MATCH), null,
                req.getHeader(HttpHeaders.IF_NONE_MATCH), null, null, etag);
        switch (outcome) {
            case NOT_MODIFIED -> {
                resp.setStatusCode(304).putHeader(HttpHeaders.ETAG, etag).end();
                return;
            }
            case PRECONDITION_FAILED -> {
                byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Precondition Failed\",\"status\":412,"
                        + "\"detail\":\"the served revision is not the one asked for\",\"instance\":\""
                        + jsonEscape(req.path()) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                resp.setStatusCode(412).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                        .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length));
                if (req.method() == HttpMethod.HEAD) {
                    resp.end();
                } else {
                    resp.end(io.vertx.core.buffer.Buffer.buffer(body));
                }
                return;
            }
            default -> {
                // only a successful answer is the revision's representation (a 503 or 404 problem is not)
                ctx.addHeadersEndHandler(v -> {
                    if (resp.getStatusCode() == 200) {
                        resp.putHeader(HttpHeaders.ETAG, etag);
                    }
                });
                ctx.next();
            }
        }
    }

    /**
     * The ETag of a JSON API answer, or null for one without: the served revision, quoted; none for
     * {@code /api/site} while the gateway has not caught up with the newest revision seen.
     */
    static String etag(String path, String revision, boolean caughtUp) {
        if (path == null || path.equals("/api/events") || path.startsWith("/api/events/") || revision == null) {
            return null;
        }
        if (path.equals("/api/site") || path.equals("/api/site/")) {
            return caughtUp ? "\"" + revision + "\"" : null;
        }
        return "\"" + revision + "\"";
    }

    private static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
