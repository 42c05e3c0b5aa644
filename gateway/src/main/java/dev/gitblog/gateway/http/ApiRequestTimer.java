package dev.gitblog.gateway.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.TimeUnit;

/**
 * Times the requests of the JSON API ({@code /api}) and the webhook proxy ({@code /hooks}) as
 * {@code gateway.api.requests}, by route, method and status. Micrometer's HTTP server binder is off in the
 * gateway because it ran for every site page as well; site pages are counted by {@link SiteRoutes}.
 */
@ApplicationScoped
public class ApiRequestTimer {

    static final String METER = "gateway.api.requests";

    private final MeterRegistry registry;

    public ApiRequestTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    void register(@Observes Router router) {
        // before the hook proxy's body handler and RESTEasy: the timer sees the whole request
        int order = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 20;
        router.route("/api/*").order(order).handler(ctx -> time(ctx, "api"));
        router.route("/hooks/*").order(order).handler(ctx -> time(ctx, "hooks"));
    }

    private void time(RoutingContext ctx, String route) {
        long start = System.nanoTime();
        String method = ctx.request().method().name();
        ctx.addEndHandler(done -> Timer.builder(METER)
                .description("JSON API and webhook requests, by route, method and status")
                .tag("route", route)
                .tag("method", method)
                .tag("status", Integer.toString(ctx.response().getStatusCode()))
                .register(registry)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        ctx.next();
    }
}
