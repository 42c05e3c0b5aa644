package dev.gitblog.gateway.blobs;

import dev.gitblog.gateway.blobs.BlobCache.Blob;
import dev.gitblog.gateway.config.GatewayConfig;
import dev.gitblog.gateway.site.ContentStore;
import dev.gitblog.gateway.site.SiteSnapshot.StaticRef;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bytes of static files, by blob hash, from content-service's {@code GET /api/blobs/{hash}}. Small
 * files are fetched once per hash (concurrent requests share the fetch) and kept in a bounded
 * {@link BlobCache}; larger ones are streamed through on every request. When content-service is
 * down, cached files keep being served.
 */
@ApplicationScoped
public class BlobService {

    private static final Logger LOG = Logger.getLogger(BlobService.class);

    private final BlobCache cache;
    private final HttpClient client;
    private final java.net.http.HttpClient blockingClient;
    private final String baseUrl;
    private final long timeoutMs;
    private final Map<String, Future<Blob>> inFlight = new ConcurrentHashMap<>();
    private final Counter fetches;
    private final Counter failures;
    private volatile boolean upstreamDown;

    public BlobService(GatewayConfig config, Vertx vertx, MeterRegistry registry) {
        this.cache = new BlobCache(config.blobCache().maxBytes(), config.blobCache().maxEntryBytes());
        this.baseUrl = stripSlash(config.contentService().url());
        this.timeoutMs = config.contentService().timeoutMs();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs))
                .setMaxPoolSize(16));
        this.blockingClient = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(timeoutMs)).build();
        this.fetches = Counter.builder("gateway.blob.fetches")
                .description("static files fetched from content-service").register(registry);
        this.failures = Counter.builder("gateway.blob.fetch.failures")
                .description("static file fetches from content-service that failed").register(registry);
        Gauge.builder("gateway.blob.cache.bytes", cache, BlobCache::bytes)
                .description("bytes of static files held in memory").register(registry);
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** What a request for a static file gets: bytes from the cache, or an upstream response to stream. */
    public sealed interface Source permits Cached, Streamed {
    }

    public record Cached(Blob blob) implements Source {
    }

    /** A 200 response of content-service, paused; the caller pipes it to the client. */
    public record Streamed(HttpClientResponse response) implements Source {
    }

    /** Cached bytes, or a fresh fetch (cached when small enough, streamed otherwise). */
    public Future<Source> open(StaticRef ref) {
        var hit = cache.get(ref.hash());
        if (hit.isPresent()) {
            return Future.succeededFuture(new Cached(hit.get()));
        }
        if (cache.cacheable(ref.size())) {
            return fetchShared(ref).map(Cached::new);
        }
        return request(ref.hash()).map(resp -> {
            resp.pause();
            return (Source) new Streamed(resp);
        });
    }

    /** Cached bytes without any network, if present. */
    public java.util.Optional<Blob> cached(String hash) {
        return cache.get(hash);
    }

    /** For the export (a worker thread): the bytes as a stream, from the cache or straight from content-service. */
    public InputStream openBlocking(StaticRef ref) {
        var hit = cache.get(ref.hash());
        if (hit.isPresent()) {
            return new ByteArrayInputStream(hit.get().bytes());
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(blobUrl(ref.hash())))
                    .timeout(Duration.ofMillis(Math.max(timeoutMs, 60_000))).GET().build();
            HttpResponse<InputStream> resp = blockingClient.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (resp.statusCode() != 200) {
                resp.body().close();
                throw new IOException("content-service answered " + resp.statusCode() + " for blob " + ref.hash());
            }
            fetches.increment();
            return resp.body();
        } catch (IOException e) {
            failures.increment();
            throw new UncheckedIOException("cannot fetch " + ref.path() + " from content-service", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + ref.path(), e);
        }
    }

    public long cachedBytes() {
        return cache.bytes();
    }

    private Future<Blob> fetchShared(StaticRef ref) {
        Promise<Blob> promise = Promise.promise();
        Future<Blob> existing = inFlight.putIfAbsent(ref.hash(), promise.future());
        if (existing != null) {
            return existing;
        }
        request(ref.hash())
                .compose(HttpClientResponse::body)
                .map(buffer -> {
                    byte[] bytes = buffer.getBytes();
                    Blob blob = new Blob(ref.hash(), bytes, compressible(ref.mediaType()) ? gzip(bytes) : null);
                    cache.put(blob);
                    return blob;
                })
                .onComplete(ar -> {
                    inFlight.remove(ref.hash());
                    promise.handle(ar);
                });
        return promise.future();
    }

    private Future<HttpClientResponse> request(String hash) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(blobUrl(hash)).setIdleTimeout(timeoutMs);
        return client.request(options)
                .compose(req -> req.send())
                .compose(resp -> {
                    if (resp.statusCode() != 200) {
                        resp.end();
                        return Future.failedFuture(new IOException(
                                "content-service answered " + resp.statusCode() + " for blob " + hash));
                    }
                    fetches.increment();
                    if (upstreamDown) {
                        upstreamDown = false;
                        LOG.info("content-service answers blob requests again");
                    }
                    return Future.succeededFuture(resp);
                })
                .onFailure(e -> {
                    failures.increment();
                    if (!upstreamDown) {
                        upstreamDown = true;
                        LOG.warnf("cannot fetch static files from content-service (%s): serving cached ones only",
                                e.getMessage());
                    }
                });
    }

    private String blobUrl(String hash) {
        return baseUrl + "/api/blobs/" + hash;
    }

    /** Media types worth a gzip variant. */
    public static boolean compressible(String mediaType) {
        if (mediaType == null) {
            return false;
        }
        String m = mediaType.toLowerCase(Locale.ROOT);
        int semi = m.indexOf(';');
        if (semi >= 0) {
            m = m.substring(0, semi).trim();
        }
        return m.startsWith("text/") || m.equals("application/javascript") || m.equals("application/json")
                || m.equals("application/xml") || m.endsWith("+xml") || m.endsWith("+json")
                || m.equals("image/svg+xml") || m.equals("application/wasm");
    }

    /** As the page variants are compressed (deterministic, {@link ContentStore#GZIP_LEVEL}). */
    static byte[] gzip(byte[] bytes) {
        return ContentStore.gzip(bytes);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
