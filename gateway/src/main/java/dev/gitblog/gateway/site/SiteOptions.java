package dev.gitblog.gateway.site;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The opt-in additions to Canopy's output, read from {@code .config/} (docs/FORMAT-ADDITIONS.md). With
 * none of the keys set every page is byte for byte what Canopy writes.
 *
 * @param pageSize       {@code .config/page_size}: articles per listing, tag page and index page; 0 = one page
 * @param meta           {@code .config/meta = on}: canonical link, OpenGraph/Twitter tags, JSON-LD on articles
 * @param tagFeedLinks   {@code .config/tag_feeds = on}: a tag page's head links its Atom, RSS and JSON feeds
 * @param footerMarkdown {@code .config/footer}: markdown rendered after the main content of every page
 * @param headingIds     {@code .config/heading_ids = on}: ids on the headings of every article
 */
record SiteOptions(int pageSize, boolean meta, boolean tagFeedLinks, String footerMarkdown, boolean headingIds) {

    static final SiteOptions NONE = new SiteOptions(0, false, false, null, false);
    private static final Set<String> ON = Set.of("on", "true", "yes", "1");

    /** @param config the value of {@code .config/<name>}, null when absent */
    static SiteOptions read(Function<String, String> config, List<String> warnings) {
        int pageSize = 0;
        String size = config.apply("page_size");
        if (size != null && !size.isBlank()) {
            try {
                pageSize = Integer.parseInt(size.strip());
            } catch (NumberFormatException e) {
                pageSize = -1;
            }
            if (pageSize < 1) {
                warnings.add(".config/page_size is not a positive whole number (" + size.strip()
                        + "): listings stay on one page");
                pageSize = 0;
            }
        }
        String footer = config.apply("footer");
        return new SiteOptions(pageSize, on(config.apply("meta")), on(config.apply("tag_feeds")),
                footer == null || footer.isBlank() ? null : footer, on(config.apply("heading_ids")));
    }

    static boolean on(String value) {
        return value != null && ON.contains(value.strip().toLowerCase(Locale.ROOT));
    }
}
