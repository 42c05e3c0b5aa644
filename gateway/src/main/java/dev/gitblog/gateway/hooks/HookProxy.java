package dev.gitblog.gateway.hooks;

import dev.gitblog.gateway.api.Problem;
import dev.gitblog.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Locale;
import java.util.Set;

/**
 * {@code /hooks/*} forwarded to content-service, so that one public address serves the site and
 * receives pushes (as in Canopy). Method, path, query, body and the signature/authorization headers go
 * through unchanged; content-service checks them. Bodies over {@code blog.hooks.max-body-bytes} get 413;
 * content-service unreachable gets 502; both as problem+json.
 */
@ApplicationScoped
public class HookProxy {

    private static final Logger LOG = Logger.getLogger(HookProxy.class);

    /** Hop-by-hop and recomputed headers that are not forwarded (RFC 9110 §7.6.1). */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization", "proxy-authenticate",
            "content-length", "expect");

    private final GatewayConfig config;
    private final HttpClient client;
    private final String baseUrl;
    private volatile boolean upstreamDown;

    public HookProxy(GatewayConfig config, Vertx vertx) {
        this.config = config;
        String url = config.contentService().url();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.contentService().timeoutMs())));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    void register(@Observes Router router) {
        long limit = config.hooks().maxBodyBytes();
        router.route("/hooks/*").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 10)
                .handler(BodyHandler.create(false).setBodyLimit(limit))
                .handler(this::forward)
                .failureHandler(this::failure);
    }

    void forward(RoutingContext ctx) {
        var req = ctx.request();
        RequestOptions options = new RequestOptions().setMethod(req.method())
                .setAbsoluteURI(baseUrl + req.uri())
                .setTimeout(config.contentService().timeoutMs());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (var h : req.headers()) {
            if (!NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(h.getKey(), h.getValue());
            }
        }
        String peer = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
        if (peer != null) {
            String prior = req.getHeader("X-Forwarded-For");
            headers.set("X-Forwarded-For", prior == null ? peer : prior + ", " + peer);
        }
        headers.set("X-Forwarded-Proto", req.isSSL() ? "https" : "http");
        if (req.authority() != null) {
            headers.set("X-Forwarded-Host", req.authority().toString());
        }
        options.setHeaders(headers);
        Buffer body = ctx.body() == null || ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
        client.request(options)
                .compose(out -> out.send(body))
                .compose(resp -> resp.body().map(b -> {
                    var response = ctx.response().setStatusCode(resp.statusCode());
                    for (var h : resp.headers()) {
                        if (!NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                            response.headers().add(h.getKey(), h.getValue());
                        }
                    }
                    return b;
                }))
                .onSuccess(b -> {
                    if (upstreamDown) {
                        upstreamDown = false;
                        LOG.info("content-service takes webhooks again");
                    }
                    ctx.response().putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(b.length())).end(b);
                })
                .onFailure(e -> {
                    if (!upstreamDown) {
                        upstreamDown = true;
                        LOG.warnf("cannot forward webhooks to content-service at %s: %s", baseUrl, e.getMessage());
                    }
                    if (!ctx.response().headWritten()) {
                        ctx.response().headers().clear();
                        problem(ctx, 502, "content-service is unreachable; the push was not delivered, please retry");
                    }
                });
    }

    void failure(RoutingContext ctx) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (ctx.response().headWritten()) {
            ctx.response().close();
            return;
        }
        String detail = status == 413
                ? "webhook body larger than " + config.hooks().maxBodyBytes() + " bytes"
                : "the webhook could not be forwarded";
        problem(ctx, status, detail);
    }

    private static void problem(RoutingContext ctx, int status, String detail) {
        Problem p = Problem.of(status, detail, ctx.request().path());
        JsonObject json = new JsonObject().put("type", p.type()).put("title", p.title())
                .put("status", p.status()).put("detail", p.detail()).put("instance", p.instance());
        Buffer out = json.toBuffer();
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(out.length()))
                .end(out);
    }
}
