package dev.gitblog.gateway.site;

/**
 * The default {@code /robots.txt}, served only when the blog has no file of that name: every crawler
 * may read everything, and the sitemap is named with its absolute URL.
 */
final class RobotsTxt {

    static final String NAME = "robots.txt";
    static final String CONTENT_TYPE = "text/plain; charset=UTF-8";

    private RobotsTxt() {
    }

    static String text(String root) {
        return "User-agent: *\nDisallow:\n\nSitemap: " + SiteUrls.of(root, SitemapPages.NAME) + "\n";
    }
}
