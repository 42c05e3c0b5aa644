package dev.gitblog.gateway.site;

import dev.gitblog.gateway.site.PageComposer.Layout;

import java.time.Instant;
import java.util.Map;

/**
 * What every page builder of one build shares, fixed for that build: the configuration, the layout every page
 * starts from (navbar, footer), the commit time (the Last-Modified of site-wide pages), the redirects and static
 * files (an entry of the blog wins over a generated next page of a listing), the composer, the tag links, listing
 * entries and sitemap parts (all three kept from build to build), and the build's {@link PageMemo}, which alone
 * records what the builders make.
 */
record BuildContext(SiteConfig config, Layout base, Instant commitTime, Map<String, String> redirects,
                    Map<String, SiteSnapshot.StaticRef> statics, PageComposer composer, TagLinks tagLinks,
                    ListingEntries listingEntries, SitemapPages.Memo sitemap, PageMemo memo) {

    static final String HTML = "text/html; charset=UTF-8";

    /** {@code key} is a redirect or a static file of the blog. */
    boolean isEntry(String key) {
        return statics.containsKey(key) || redirects.containsKey(key);
    }
}
