package dev.gitblog.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Typed configuration of the serving half ({@code blog.*} in application.properties). */
@ConfigMapping(prefix = "blog")
public interface GatewayConfig {

    /** Where content-service listens (blobs, webhooks). */
    ContentService contentService();

    Tls tls();

    BlobCache blobCache();

    Hooks hooks();

    Api api();

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
}
