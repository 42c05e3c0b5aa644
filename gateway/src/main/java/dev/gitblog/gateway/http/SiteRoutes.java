package dev.gitblog.gateway.http;

import dev.gitblog.gateway.blobs.BlobCache.Blob;
import dev.gitblog.gateway.blobs.BlobService;
import dev.gitblog.gateway.config.GatewayConfig;
import dev.gitblog.gateway.events.SnapshotHolder;
import dev.gitblog.gateway.http.SiteResolver.Found;
import dev.gitblog.gateway.http.SiteResolver.NotFound;
import dev.gitblog.gateway.http.SiteResolver.Redirect;
import dev.gitblog.gateway.http.SiteResolver.Resolution;
import dev.gitblog.gateway.http.SiteResolver.StaticFile;
import dev.gitblog.gateway.pages.HotCache;
import dev.gitblog.gateway.pages.SitePages;
import dev.gitblog.gateway.site.Content;
import dev.gitblog.gateway.site.Page;
import dev.gitblog.gateway.site.SiteSnapshot;
import dev.gitblog.gateway.site.SiteSnapshot.StaticRef;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the site from the current {@link SiteSnapshot}: a request is a key lookup and a write.
 * The JSON API ({@code /api}), the webhook proxy ({@code /hooks}) and Quarkus' own {@code /q} endpoints
 * are left to their handlers. Implements the HTTP rules of SITE-FORMAT Decision 8: strong ETags,
 * Last-Modified, 304 for If-None-Match and If-Modified-Since, precompressed gzip with
 * {@code Vary: Accept-Encoding}, HEAD everywhere, HSTS only over TLS.
 */
@ApplicationScoped
public class SiteRoutes {

    /** Pages are revalidated on every use: a push must show at once. */
    static final String PAGE_CACHE = "public, max-age=0, must-revalidate";
    /** Static files are named by content (blob hash ETag); a day is long but a push still shows. */
    static final String STATIC_CACHE = "public, max-age=86400";
    static final String HSTS = "max-age=31536000";
    static final String REVISION_HEADER = "X-Blog-Revision";

    private static final byte[] STARTING = ("<!DOCTYPE html>\n<html lang=\"en\"><head><title>Starting</title>"
            + "<meta charset=\"UTF-8\"/></head><body><p>This site is being prepared. Please try again in a moment.</p>"
            + "</body></html>").getBytes(StandardCharsets.UTF_8);
    private static final byte[] BAD_REQUEST = ("<!DOCTYPE html>\n<html lang=\"en\"><head><title>Bad request</title>"
            + "<meta charset=\"UTF-8\"/></head><body><p>Bad request: this path cannot name a page.</p>"
            + "</body></html>").getBytes(StandardCharsets.UTF_8);
    private static final byte[] UPSTREAM_DOWN = ("<!DOCTYPE html>\n<html lang=\"en\"><head><title>Unavailable</title>"
            + "<meta charset=\"UTF-8\"/></head><body><p>This file is unavailable right now. Please try again later.</p>"
            + "</body></html>").getBytes(StandardCharsets.UTF_8);
    private static final String HTML = "text/html; charset=UTF-8";
    private static final Logger LOG = Logger.getLogger(SiteRoutes.class);
    private static final CharSequence PAGE_CACHE_VALUE = HttpHeaders.createOptimized(PAGE_CACHE);
    private static final CharSequence ACCEPT_ENCODING_VALUE = HttpHeaders.createOptimized("Accept-Encoding");
    private static final CharSequence GZIP_VALUE = HttpHeaders.createOptimized("gzip");

    private final SnapshotHolder holder;
    private final BlobService blobs;
    private final GatewayConfig config;
    private final MeterRegistry registry;
    private final Map<Integer, Counter> served = new ConcurrentHashMap<>();
    private final SitePages pages;
    private final boolean tlsRedirect;
    private final Counter served200;
    private final FileRegionSender fileRegions;
    private volatile boolean missingFileLogged;

    public SiteRoutes(SnapshotHolder holder, BlobService blobs, GatewayConfig config, MeterRegistry registry,
                      SitePages pages) {
        this.pages = pages;
        this.tlsRedirect = config.tls().redirect();
        this.holder = holder;
        this.blobs = blobs;
        this.config = config;
        this.registry = registry;
        this.served200 = counter(200);
        this.fileRegions = new FileRegionSender(pages.openFiles(), config.pageStore().sendfileMinBytes());
    }

    void register(@Observes Router router) {
        // before everything else, one handler: plain HTTP -> HTTPS when asked to (Quarkus' own /q endpoints
        // stay reachable), then the site
        router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::site);
    }

    private void httpsRedirect(HttpServerRequest req) {
        String host = req.authority() == null ? "localhost" : req.authority().host();
        int port = config.tls().httpsPort();
        String location = "https://" + host + (port == 443 ? "" : ":" + port) + req.uri();
        req.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, location)
                .putHeader(HttpHeaders.CONTENT_LENGTH, "0").end();
    }

    void site(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String rawPath = req.path();
        if (isOtherHandlers(rawPath)) {
            ctx.next();
            return;
        }
        if (tlsRedirect && !req.isSSL()) {
            httpsRedirect(req);
            return;
        }
        HttpServerResponse resp = req.response();
        if (req.isSSL()) {
            resp.putHeader("Strict-Transport-Security", HSTS);
        }
        boolean head = req.method() == HttpMethod.HEAD;
        if (!head && req.method() != HttpMethod.GET) {
            resp.putHeader(HttpHeaders.ALLOW, "GET, HEAD");
            plain(ctx, 405, "text/plain; charset=UTF-8",
                    "Method not allowed\n".getBytes(StandardCharsets.UTF_8), "no-store");
            return;
        }
        SitePath.Parsed parsed = SitePath.parse(rawPath);
        if (!parsed.ok()) {
            plain(ctx, 400, HTML, BAD_REQUEST, "no-store");
            return;
        }
        SiteSnapshot snapshot = holder.current().orElse(null);
        if (snapshot == null) {
            resp.putHeader("Retry-After", "5");
            plain(ctx, 503, HTML, STARTING, "no-store");
            return;
        }
        Resolution resolution = SiteResolver.resolve(snapshot, parsed.segments());
        resp.putHeader(REVISION_HEADER, snapshot.revision());
        if (resolution instanceof Found f) {
            page(ctx, 200, f.page(), true);
        } else if (resolution instanceof NotFound nf) {
            page(ctx, 404, nf.page(), false);
        } else if (resolution instanceof Redirect r) {
            resp.setStatusCode(301).putHeader(HttpHeaders.LOCATION, r.location())
                    .putHeader(HttpHeaders.CACHE_CONTROL, PAGE_CACHE)
                    .putHeader(HttpHeaders.CONTENT_LENGTH, "0");
            count(301);
            resp.end();
        } else if (resolution instanceof StaticFile s) {
            staticFile(ctx, s.ref());
        }
    }

    /**
     * Writes a composed page, honouring conditional requests and gzip. Every header value was formatted when
     * the page was composed. A large page goes out with sendfile from its page-store file held open (as nginx
     * does); a smaller one from the hot cache, or from its file while the hot cache loads it for the next
     * request.
     */
    void page(RoutingContext ctx, int status, Page page, boolean conditional) {
        HttpServerRequest req = ctx.request();
        HttpServerResponse resp = req.response();
        boolean gzip = page.gzip() != null && Validators.acceptsGzip(req.getHeader(HttpHeaders.ACCEPT_ENCODING));
        MultiMap h = resp.headers();
        h.set(HttpHeaders.CONTENT_TYPE, page.contentType());
        h.set(HttpHeaders.CACHE_CONTROL, PAGE_CACHE_VALUE);
        h.set(HttpHeaders.VARY, ACCEPT_ENCODING_VALUE);
        h.set(HttpHeaders.ETAG, gzip ? page.gzipEtag() : page.etag());
        if (page.lastModifiedHeader() != null) {
            h.set(HttpHeaders.LAST_MODIFIED, page.lastModifiedHeader());
        }
        if (conditional && Validators.notModified(req.getHeader(HttpHeaders.IF_NONE_MATCH),
                req.getHeader(HttpHeaders.IF_MODIFIED_SINCE), page.lastModified(), page.etag(), page.gzipEtag())) {
            notModified(resp);
            return;
        }
        if (gzip) {
            h.set(HttpHeaders.CONTENT_ENCODING, GZIP_VALUE);
        }
        send(ctx, status, gzip ? page.gzip() : page.identity(), gzip ? page.gzipLength() : page.identityLength());
    }

    /** Status, Content-Length and (except for HEAD) the bytes of {@code content}. */
    private void send(RoutingContext ctx, int status, Content content, String length) {
        HttpServerResponse resp = ctx.response();
        count(status);
        resp.setStatusCode(status);
        if (ctx.request().method() == HttpMethod.HEAD) {
            resp.putHeader(HttpHeaders.CONTENT_LENGTH, length);
            resp.end();
            return;
        }
        if (content instanceof Content.OnDisk onDisk && fileRegions.send(ctx.request(), resp, onDisk, length)) {
            return;
        }
        HotCache hot = pages.hot();
        Buffer cached = hot.get(content.name());
        if (cached != null) {
            resp.putHeader(HttpHeaders.CONTENT_LENGTH, length);
            resp.end(cached);
        } else if (content instanceof Content.InHeap inHeap) {
            Buffer buffer = hot.put(content.name(), inHeap.bytes());
            resp.putHeader(HttpHeaders.CONTENT_LENGTH, length);
            resp.end(buffer != null ? buffer : Buffer.buffer(inHeap.bytes()));
        } else if (content instanceof Content.OnDisk onDisk) {
            String file = onDisk.file().toString();
            resp.sendFile(file).onFailure(e -> fileFailed(resp, onDisk, e));
            if (hot.startLoad(onDisk.name(), onDisk.length())) {
                ctx.vertx().fileSystem().readFile(file).onComplete(ar -> {
                    if (ar.succeeded()) {
                        hot.put(onDisk.name(), ar.result().getBytes());
                    } else {
                        hot.loadFailed(onDisk.name());
                    }
                });
            }
        }
    }

    private void fileFailed(HttpServerResponse resp, Content.OnDisk content, Throwable e) {
        if (!missingFileLogged) {
            missingFileLogged = true;
            LOG.warnf("page store file %s could not be sent (%s); the page store must not lose files in use",
                    content.file(), e.getMessage());
        }
        if (!resp.headWritten() && !resp.ended()) {
            resp.headers().clear();
            resp.putHeader("Retry-After", "5");
            resp.setStatusCode(503).putHeader(HttpHeaders.CONTENT_LENGTH, "0").end();
        } else if (!resp.ended()) {
            resp.reset();
        }
    }

    void staticFile(RoutingContext ctx, StaticRef ref) {
        HttpServerRequest req = ctx.request();
        HttpServerResponse resp = req.response();
        boolean compressible = BlobService.compressible(ref.mediaType());
        String etag = "\"" + ref.hash() + "\"";
        MultiMap h = resp.headers();
        h.set(HttpHeaders.CONTENT_TYPE, ref.mediaType() == null ? "application/octet-stream" : ref.mediaType());
        h.set(HttpHeaders.CACHE_CONTROL, STATIC_CACHE);
        if (compressible) {
            h.set(HttpHeaders.VARY, "Accept-Encoding");
        }
        if (ref.updated() != null) {
            h.set(HttpHeaders.LAST_MODIFIED, Validators.httpDate(ref.updated()));
        }
        boolean wantsGzip = compressible && Validators.acceptsGzip(req.getHeader(HttpHeaders.ACCEPT_ENCODING));
        if (Validators.notModified(req.getHeader(HttpHeaders.IF_NONE_MATCH),
                req.getHeader(HttpHeaders.IF_MODIFIED_SINCE), ref.updated(), etag, Validators.gzipEtag(etag))) {
            h.set(HttpHeaders.ETAG, wantsGzip && blobs.cached(ref.hash()).map(b -> b.gzipBytes() != null).orElse(false)
                    ? Validators.gzipEtag(etag) : etag);
            notModified(resp);
            return;
        }
        if (req.method() == HttpMethod.HEAD && blobs.cached(ref.hash()).isEmpty()) {
            // HEAD needs no bytes: answer from the entry's metadata, even with content-service down
            h.set(HttpHeaders.ETAG, etag);
            count(200);
            resp.setStatusCode(200).putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(Math.max(0, ref.size())));
            resp.end();
            return;
        }
        blobs.open(ref).onComplete(ar -> {
            if (resp.ended() || resp.closed()) {
                if (ar.succeeded() && ar.result() instanceof BlobService.Streamed s) {
                    s.response().request().reset();
                }
                return;
            }
            if (ar.failed()) {
                h.remove(HttpHeaders.ETAG).remove(HttpHeaders.LAST_MODIFIED).remove(HttpHeaders.VARY);
                resp.putHeader("Retry-After", "10");
                plain(ctx, 502, HTML, UPSTREAM_DOWN, "no-store");
                return;
            }
            if (ar.result() instanceof BlobService.Cached c) {
                Blob blob = c.blob();
                boolean gzip = wantsGzip && blob.gzipBytes() != null;
                h.set(HttpHeaders.ETAG, gzip ? Validators.gzipEtag(etag) : etag);
                if (gzip) {
                    h.set(HttpHeaders.CONTENT_ENCODING, "gzip");
                }
                write(ctx, 200, gzip ? blob.gzipBytes() : blob.bytes());
            } else if (ar.result() instanceof BlobService.Streamed s) {
                h.set(HttpHeaders.ETAG, etag);
                String length = s.response().getHeader(HttpHeaders.CONTENT_LENGTH);
                if (length != null) {
                    h.set(HttpHeaders.CONTENT_LENGTH, length);
                } else {
                    resp.setChunked(true);
                }
                resp.setStatusCode(200);
                count(200);
                s.response().pipeTo(resp);
            }
        });
    }

    private void notModified(HttpServerResponse resp) {
        count(304);
        resp.setStatusCode(304);
        resp.headers().remove(HttpHeaders.CONTENT_LENGTH);
        resp.end();
    }

    private void plain(RoutingContext ctx, int status, String contentType, byte[] body, String cacheControl) {
        HttpServerResponse resp = ctx.response();
        resp.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
        resp.putHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        write(ctx, status, body);
    }

    /** Status, Content-Length and (except for HEAD) the body. */
    private void write(RoutingContext ctx, int status, byte[] body) {
        HttpServerResponse resp = ctx.response();
        count(status);
        resp.setStatusCode(status);
        resp.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length));
        if (ctx.request().method() == HttpMethod.HEAD) {
            resp.end();
        } else {
            resp.end(Buffer.buffer(body));
        }
    }

    private void count(int status) {
        if (status == 200) {
            served200.increment();
            return;
        }
        counter(status).increment();
    }

    private Counter counter(int status) {
        return served.computeIfAbsent(status, s -> Counter.builder("gateway.pages.served")
                .description("site responses written, by status")
                .tag("status", Integer.toString(s))
                .register(registry));
    }

    /** Paths that belong to the JSON API, the webhook proxy or Quarkus itself. */
    static boolean isOtherHandlers(String rawPath) {
        return rawPath == null
                || under(rawPath, "/q") || under(rawPath, "/api") || under(rawPath, "/hooks");
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
