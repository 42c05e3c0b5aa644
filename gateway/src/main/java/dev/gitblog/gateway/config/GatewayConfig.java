package dev.gitblog.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/** Typed configuration of the serving half ({@code blog.*} in application.properties). */
@ConfigMapping(prefix = "blog")
public interface GatewayConfig {

    /** Where content-service listens (blobs, webhooks). */
    ContentService contentService();

    /**
     * Preview mode (env BLOG_PREVIEW, set by {@code run.sh --preview}): every page noindex and reloading itself
     * when the served revision changes ({@code /_preview/revision}). Never for a published site.
     */
    @WithDefault("false")
    boolean preview();

    Tls tls();

    BlobCache blobCache();

    Hooks hooks();

    Api api();

    PageStore pageStore();

    interface ContentService {
        /** Base URL, e.g. {@code http://localhost:8081} (env {@code CONTENT_SERVICE_URL}). */
        @WithDefault("http://localhost:8081")
        String url();

        /** How long to wait for content-service before answering 502. */
        @WithName("timeout-ms")
        @WithDefault("10000")
        long timeoutMs();
    }

    interface Tls {
        /** Answer plain-HTTP site requests with a 301 to the HTTPS address (needs Quarkus HTTPS config). */
        @WithDefault("false")
        boolean redirect();

        /** The public HTTPS port used in the redirect Location ({@code 443} is left out of the URL). */
        @WithName("https-port")
        @WithDefault("${quarkus.http.ssl-port:8443}")
        int httpsPort();
    }

    interface BlobCache {
        /** Total bytes of static files kept in memory. */
        @WithName("max-bytes")
        @WithDefault("33554432")
        long maxBytes();

        /** Files larger than this are streamed through and never cached. */
        @WithName("max-entry-bytes")
        @WithDefault("2097152")
        long maxEntryBytes();
    }

    interface Hooks {
        /** Largest webhook body forwarded to content-service; larger ones get 413. */
        @WithName("max-body-bytes")
        @WithDefault("1048576")
        long maxBodyBytes();
    }

    interface Api {
        /** Page size of /api/articles when none is asked for. */
        @WithName("default-page-size")
        @WithDefault("20")
        int defaultPageSize();

        /** Largest page size /api/articles accepts. */
        @WithName("max-page-size")
        @WithDefault("100")
        int maxPageSize();
    }

    /** Where composed pages live: content-addressed files, served with sendFile, plus a small in-heap cache. */
    interface PageStore {
        /** Off: pages, gzip variants and fragment bodies stay in the heap (as before; small sites, tests). */
        @WithDefault("true")
        boolean enabled();

        /**
         * The base folder; each process uses its own {@code <dir>/<pid>} (removed at shutdown). Default
         * {@code $BLOG_DATA/gateway-pages}, else {@code java.io.tmpdir/gateway-pages} (env {@code BLOG_PAGE_STORE_DIR}).
         */
        String dir();

        /** How long a file stays after the last snapshot that used it was replaced (requests in flight). */
        @WithDefault("PT2M")
        Duration grace();

        /**
         * At most one sweep for unreferenced files per interval (on the composing thread, after a swap); between
         * swaps, how often (at least every second) a thread looks whether replaced files are due for one.
         */
        @WithName("sweep-interval")
        @WithDefault("PT30S")
        Duration sweepInterval();

        /** Bytes of hot pages kept in the heap, so a hammered page costs no file access; 0 turns it off. */
        @WithName("hot-cache-bytes")
        @WithDefault("8388608")
        long hotCacheBytes();

        /** Pages larger than this are always sent from their file. */
        @WithName("hot-max-entry-bytes")
        @WithDefault("1048576")
        long hotMaxEntryBytes();

        /**
         * Pages of at least this many bytes go to the socket with sendfile from a file held open (plain HTTP/1.x;
         * over TLS or HTTP/2 they are written from the hot cache); smaller pages are cheaper to write from memory.
         */
        @WithName("sendfile-min-bytes")
        @WithDefault("65536")
        long sendfileMinBytes();

        /**
         * New pages and gzip variants one composition writes as files of their own; the rest of a larger one (a
         * first composition, a replica's catch-up) is appended to one pack file. 0 packs every page.
         */
        @WithName("files-per-build")
        @WithDefault("256")
        int filesPerBuild();

        /**
         * New pages one composition stores with their gzip variant; the variants of the rest of a larger one are
         * made after the revision is served, which goes out without gzip until then (gateway README, "The page
         * store").
         */
        @WithName("gzip-per-build")
        @WithDefault("128")
        int gzipPerBuild();

        /** Page-store files held open for sendfile at most; beyond it the table closes files it holds. */
        @WithName("max-open-files")
        @WithDefault("1024")
        int maxOpenFiles();
    }
}
