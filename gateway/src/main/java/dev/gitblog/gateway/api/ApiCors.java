package dev.gitblog.gateway.api;

import dev.gitblog.gateway.config.NotifyConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS for the read-only JSON API ({@code /api/*}): off unless {@code BLOG_API_CORS_ORIGINS} lists origins
 * ({@code *} allows any). An allowed origin may GET and HEAD without credentials and read the validators and paging
 * headers; a preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered here with 204. Other
 * origins get no CORS headers, so the browser keeps the answer from the page.
 */
@ApplicationScoped
public class ApiCors {

    static final String EXPOSED = "ETag, Last-Modified, Link, X-Total-Count, X-Blog-Revision";
    static final String ALLOWED_HEADERS = "If-None-Match, If-Modified-Since, Last-Event-ID, Cache-Control";

    private final Set<String> origins;
    private final boolean any;

    public ApiCors(NotifyConfig config) {
        List<String> list = config.corsOrigins().orElse(List.of());
        this.origins = list.stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.any = origins.contains("*");
    }

    void register(@Observes Router router) {
        if (origins.isEmpty()) {
            return;
        }
        router.route("/api/*").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 30).handler(this::handle);
    }

    /** Whether {@code origin} may read the API. */
    boolean allowed(String origin) {
        return origin != null && (any || origins.contains(origin.toLowerCase(Locale.ROOT)));
    }

    private void handle(RoutingContext ctx) {
        var req = ctx.request();
        var resp = ctx.response();
        String origin = req.getHeader(HttpHeaders.ORIGIN);
        resp.putHeader(HttpHeaders.VARY, "Origin");
        if (!allowed(origin)) {
            ctx.next();
            return;
        }
        resp.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, any ? "*" : origin);
        if (req.method() == HttpMethod.OPTIONS && req.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null) {
            resp.setStatusCode(204)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD")
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600")
                    .end();
            return;
        }
        resp.putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
        ctx.next();
    }
}
