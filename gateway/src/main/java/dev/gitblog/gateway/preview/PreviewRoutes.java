package dev.gitblog.gateway.preview;

import dev.gitblog.gateway.config.GatewayConfig;
import dev.gitblog.gateway.events.SnapshotHolder;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Objects;

/**
 * Preview only ({@code blog.preview}): {@code X-Robots-Tag: noindex} on every answer, and
 * {@code GET /_preview/revision[?since=R]}, a long poll that answers the served revision as text at once when
 * it differs from {@code since} (or no {@code since} is given), else as soon as it changes, at the latest after
 * {@value #HOLD_MILLIS} ms. The reload script of {@link PreviewPageComposer} uses it. A separate small route
 * (not the site's event stream) so that preview needs nothing else of the gateway. Nothing is registered when
 * publishing.
 */
@ApplicationScoped
public class PreviewRoutes {

    static final String PATH = "/_preview/revision";
    static final long HOLD_MILLIS = 25_000;
    private static final long CHECK_MILLIS = 50;

    private final SnapshotHolder holder;
    private final boolean preview;

    public PreviewRoutes(SnapshotHolder holder, GatewayConfig config) {
        this.holder = holder;
        this.preview = config.preview();
    }

    void register(@Observes Router router) {
        if (!preview) {
            return;
        }
        // before the site's catch-all route
        router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 1).handler(this::noindex);
        router.get(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 1).handler(this::revision);
    }

    private void noindex(RoutingContext ctx) {
        ctx.response().putHeader("X-Robots-Tag", "noindex");
        ctx.next();
    }

    private void revision(RoutingContext ctx) {
        String since = ctx.request().getParam("since");
        String now = holder.servedRevision();
        if (since == null || (now != null && !now.equals(since))) {
            answer(ctx.response(), now);
            return;
        }
        long deadline = System.currentTimeMillis() + HOLD_MILLIS;
        HttpServerResponse resp = ctx.response();
        ctx.vertx().setPeriodic(CHECK_MILLIS, timer -> {
            String current = holder.servedRevision();
            if (resp.closed() || resp.ended()) {
                ctx.vertx().cancelTimer(timer);
            } else if (!Objects.equals(current, since) || System.currentTimeMillis() > deadline) {
                ctx.vertx().cancelTimer(timer);
                answer(resp, current);
            }
        });
    }

    private static void answer(HttpServerResponse resp, String revision) {
        resp.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(revision == null ? "" : revision);
    }
}
