package dev.gitblog.gateway.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** Headers the gateway puts on every answer ({@link SafeHeaders}); documented in README, "Response headers". */
@ConfigMapping(prefix = "blog.http")
public interface ResponseHeadersConfig {

    /** {@code Referrer-Policy} (env {@code BLOG_HTTP_REFERRER_POLICY}); empty sends none. */
    @WithDefault("strict-origin-when-cross-origin")
    Optional<String> referrerPolicy();

    /** {@code Content-Security-Policy} (env {@code BLOG_HTTP_CONTENT_SECURITY_POLICY}); none by default. */
    Optional<String> contentSecurityPolicy();

    /**
     * More headers, each {@code Name: value} (env {@code BLOG_HTTP_EXTRA_HEADERS}, entries separated by commas,
     * a comma inside a value written {@code \,}).
     */
    Optional<List<String>> extraHeaders();
}
