package dev.gitblog.gateway.http;

import dev.gitblog.events.SitePath;
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
import dev.gitblog.gateway.site.GzipVariant;
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
 * are left to their handlers. Implements the HTTP rules of docs/DECISIONS.md Decision 8: strong ETags,
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
    private static final CharSequence RANGE = HttpHeaders.createOptimized("Range");
    private static final CharSequence IF_RANGE = HttpHeaders.createOptimized("If-Range");
    private static final CharSequence IF_UNMODIFIED_SINCE = HttpHeaders.createOptimized("If-Unmodified-Since");
    private static final CharSequence BYTES_VALUE = HttpHeaders.createOptimized("bytes");
    private static final byte[] PRECONDITION_FAILED = "Precondition failed: the resource has changed\n"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] RANGE_NOT_SATISFIABLE = "Range not satisfiable: no byte of the range exists\n"
            .getBytes(StandardCharsets.UTF_8);
    private static final String TEXT = "text/plain; charset=UTF-8";

    private final SnapshotHolder holder;
    private final BlobService blobs;
    private final GatewayConfig config;
    private final MeterRegistry registry;
    private final Map<Integer, Counter> served = new ConcurrentHashMap<>();
    private final SitePages pages;
    private final boolean tlsRedirect;
    private final Counter served200;
    private final FileRegionSender fileRegions;
    private final SafeHeaders safeHeaders;
    private volatile boolean missingFileLogged;

    public SiteRoutes(SnapshotHolder holder, BlobService blobs, GatewayConfig config, MeterRegistry registry,
                      SitePages pages, ResponseHeadersConfig headers) {
        this.pages = pages;
        this.safeHeaders = SafeHeaders.of(headers);
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
        // the paths of other handlers get the safe headers before any of them (the API timer, its validators,
        // the hook proxy) can answer; a prefix route costs a site request nothing
        for (String other : OTHER_HANDLERS) {
            router.route(other + "/*").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 100).handler(ctx -> {
                safeHeaders.apply(ctx.response().headers());
                ctx.next();
            });
        }
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
        safeHeaders.apply(req.response().headers());
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
        // read once: a large build's variant may be added while this request runs (GzipVariant)
        GzipVariant.Stored variant = page.gzipStored();
        boolean gzip = variant != null && Validators.acceptsGzip(req.getHeader(HttpHeaders.ACCEPT_ENCODING));
        MultiMap h = resp.headers();
        h.set(HttpHeaders.CONTENT_TYPE, page.contentType());
        h.set(HttpHeaders.CACHE_CONTROL, PAGE_CACHE_VALUE);
        h.set(HttpHeaders.VARY, ACCEPT_ENCODING_VALUE);
        h.set(HttpHeaders.ETAG, gzip ? page.gzipEtag() : page.etag());
        if (page.lastModifiedHeader() != null) {
            h.set(HttpHeaders.LAST_MODIFIED, page.lastModifiedHeader());
        }
        if (conditional) {
            h.set(HttpHeaders.ACCEPT_RANGES, BYTES_VALUE);
            ConditionalRequest.Outcome outcome = preconditions(req, page.lastModified(), page.etag(), page.gzipEtag());
            if (outcome != ConditionalRequest.Outcome.PROCEED) {
                answerPrecondition(ctx, outcome);
                return;
            }
            String range = req.getHeader(RANGE);
            if (range != null && rangeOfPage(ctx, page, range)) {
                return;
            }
        }
        if (gzip) {
            h.set(HttpHeaders.CONTENT_ENCODING, GZIP_VALUE);
        }
        send(ctx, status, gzip ? variant.content() : page.identity(), gzip ? variant.length() : page.identityLength());
    }

    /**
     * Answers a Range request for a page with {@code 206} and the bytes of the identity representation (a range
     * of the gzip variant would be of little use to anyone), or {@code 416}; false when the range is to be
     * ignored (not one byte range, or If-Range names another version) and the whole page goes out.
     */
    private boolean rangeOfPage(RoutingContext ctx, Page page, String rangeHeader) {
        HttpServerRequest req = ctx.request();
        ByteRange range = ByteRange.of(rangeHeader, page.identity().length());
        if (range instanceof ByteRange.Whole
                || !ConditionalRequest.rangeApplies(req.getHeader(IF_RANGE), page.etag(),
                page.lastModified())) {
            return false;
        }
        MultiMap h = ctx.response().headers();
        h.set(HttpHeaders.ETAG, page.etag());
        if (range instanceof ByteRange.Unsatisfiable u) {
            rangeNotSatisfiable(ctx, u);
        } else if (range instanceof ByteRange.Part part) {
            h.set(HttpHeaders.CONTENT_RANGE, part.contentRange());
            sendPart(ctx, page.identity(), part);
        }
        return true;
    }

    /** {@code 206}, Content-Length and (except for HEAD) the bytes of {@code part} of {@code content}. */
    private void sendPart(RoutingContext ctx, Content content, ByteRange.Part part) {
        HttpServerResponse resp = ctx.response();
        count(206);
        resp.setStatusCode(206);
        String length = Long.toString(part.length());
        if (ctx.request().method() == HttpMethod.HEAD) {
            resp.putHeader(HttpHeaders.CONTENT_LENGTH, length);
            resp.end();
            return;
        }
        if (content instanceof Content.OnDisk onDisk
                && fileRegions.send(ctx.request(), resp, onDisk, part.first(), part.length(), length)) {
            return;
        }
        int from = Math.toIntExact(part.first());
        int to = Math.toIntExact(part.last() + 1);
        Buffer cached = pages.hot().get(content.name());
        if (cached != null) {
            resp.putHeader(HttpHeaders.CONTENT_LENGTH, length);
            resp.end(cached.slice(from, to));
        } else if (content instanceof Content.InHeap inHeap) {
            resp.putHeader(HttpHeaders.CONTENT_LENGTH, length);
            resp.end(Buffer.buffer(inHeap.bytes()).slice(from, to));
        } else if (content instanceof Content.OnDisk onDisk) {
            resp.sendFile(onDisk.file().toString(), onDisk.offset() + part.first(), part.length())
                    .onFailure(e -> fileFailed(resp, onDisk, e));
        }
    }

    /** The outcome of the request's If-Match, If-Unmodified-Since, If-None-Match and If-Modified-Since. */
    private static ConditionalRequest.Outcome preconditions(HttpServerRequest req, java.time.Instant lastModified,
                                                            String... etags) {
        return ConditionalRequest.evaluate(req.getHeader(HttpHeaders.IF_MATCH),
                req.getHeader(IF_UNMODIFIED_SINCE), req.getHeader(HttpHeaders.IF_NONE_MATCH),
                req.getHeader(HttpHeaders.IF_MODIFIED_SINCE), lastModified, etags);
    }

    /** {@code 304} or {@code 412}. */
    private void answerPrecondition(RoutingContext ctx, ConditionalRequest.Outcome outcome) {
        if (outcome == ConditionalRequest.Outcome.NOT_MODIFIED) {
            notModified(ctx.response());
        } else {
            plain(ctx, 412, TEXT, PRECONDITION_FAILED, "no-store");
        }
    }

    private void rangeNotSatisfiable(RoutingContext ctx, ByteRange.Unsatisfiable u) {
        ctx.response().headers().remove(HttpHeaders.CONTENT_ENCODING).remove(HttpHeaders.VARY)
                .set(HttpHeaders.CONTENT_RANGE, u.contentRange());
        plain(ctx, 416, TEXT, RANGE_NOT_SATISFIABLE, "no-store");
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
            resp.sendFile(onDisk.file().toString(), onDisk.offset(), onDisk.length())
                    .onFailure(e -> fileFailed(resp, onDisk, e));
            if (hot.startLoad(onDisk.name(), onDisk.length())) {
                ctx.vertx().<byte[]>executeBlocking(onDisk::bytes, false).onComplete(ar -> {
                    if (ar.succeeded()) {
                        hot.put(onDisk.name(), ar.result());
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
            safeHeaders.apply(resp.headers());
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
        ConditionalRequest.Outcome outcome = preconditions(req, ref.updated(), etag, Validators.gzipEtag(etag));
        if (outcome != ConditionalRequest.Outcome.PROCEED) {
            h.set(HttpHeaders.ETAG, wantsGzip && blobs.cached(ref.hash()).map(b -> b.gzipBytes() != null).orElse(false)
                    ? Validators.gzipEtag(etag) : etag);
            answerPrecondition(ctx, outcome);
            return;
        }
        ByteRange range = ByteRange.WHOLE;
        if (ref.size() >= 0) {
            h.set(HttpHeaders.ACCEPT_RANGES, BYTES_VALUE);
            String rangeHeader = req.getHeader(RANGE);
            if (rangeHeader != null
                    && ConditionalRequest.rangeApplies(req.getHeader(IF_RANGE), etag, ref.updated())) {
                range = ByteRange.of(rangeHeader, ref.size());
            }
        }
        if (range instanceof ByteRange.Unsatisfiable u) {
            h.set(HttpHeaders.ETAG, etag);
            rangeNotSatisfiable(ctx, u);
            return;
        }
        ByteRange.Part part = range instanceof ByteRange.Part p ? p : null;
        if (req.method() == HttpMethod.HEAD && blobs.cached(ref.hash()).isEmpty()) {
            // HEAD needs no bytes: answer from the entry's metadata, even with content-service down
            h.set(HttpHeaders.ETAG, etag);
            if (part != null) {
                count(206);
                resp.setStatusCode(206).putHeader(HttpHeaders.CONTENT_RANGE, part.contentRange())
                        .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(part.length()));
            } else {
                count(200);
                resp.setStatusCode(200).putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(Math.max(0, ref.size())));
            }
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
            if (part != null) {
                h.set(HttpHeaders.ETAG, etag);
                h.set(HttpHeaders.CONTENT_RANGE, part.contentRange());
                if (ar.result() instanceof BlobService.Cached c) {
                    byte[] bytes = c.blob().bytes();
                    if (bytes.length != ref.size()) {
                        // the entry's size and the blob disagree: answer with the whole file rather than guess
                        h.remove(HttpHeaders.CONTENT_RANGE);
                        write(ctx, 200, bytes);
                    } else {
                        write(ctx, 206, Buffer.buffer(bytes).slice(Math.toIntExact(part.first()),
                                Math.toIntExact(part.last() + 1)));
                    }
                } else if (ar.result() instanceof BlobService.Streamed s) {
                    count(206);
                    resp.setStatusCode(206).putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(part.length()));
                    RangeOfStream.send(s.response(), resp, part.first(), part.length());
                }
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
    private void write(RoutingContext ctx, int status, Buffer body) {
        HttpServerResponse resp = ctx.response();
        count(status);
        resp.setStatusCode(status);
        resp.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()));
        if (ctx.request().method() == HttpMethod.HEAD) {
            resp.end();
        } else {
            resp.end(body);
        }
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

    /** The prefixes of {@link #isOtherHandlers}. */
    private static final java.util.List<String> OTHER_HANDLERS = java.util.List.of("/q", "/api", "/hooks");

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
