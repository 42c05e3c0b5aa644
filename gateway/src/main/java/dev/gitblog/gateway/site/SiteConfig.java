package dev.gitblog.gateway.site;

import dev.gitblog.events.ConfigValues;
import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.NameUuids;

import java.util.List;
import java.util.Map;

/**
 * The blog's configuration for one build, read from its {@code .config/} entries with the defaults of
 * docs/FORMAT.md §1.7: {@code blog_name} Canopy, {@code index_page} Index (without slashes at either end),
 * {@code root} http://localhost. Without {@code .config/uuid} the feed id is a UUIDv5 of the root, and a
 * warning says so.
 *
 * @param timestamps {@code .config/timestamp-listings} exists: listings carry {@code <time>} (docs/DECISIONS.md
 *                   Decision 10)
 * @param header     {@code .config/header}: the navbar items, one a line; null to derive them
 * @param feedId     {@code urn:uuid:<uuid>}
 */
record SiteConfig(String blogName, String indexPage, String root, String feedId, boolean timestamps, String header,
                  SiteOptions options) {

    static final String CONFIG_PREFIX = ConfigValues.PREFIX;

    /** The configuration in {@code entries}; what is wrong with it goes to {@code warnings}. */
    static SiteConfig read(Map<String, Entry> entries, List<String> warnings) {
        String blogName = ConfigValues.nonBlank(ConfigValues.value(entries, "blog_name"), "Canopy");
        String indexPage = ConfigValues.indexPage(entries);
        String root = ConfigValues.nonBlank(ConfigValues.value(entries, "root"), "http://localhost");
        String uuid = ConfigValues.nonBlank(ConfigValues.value(entries, "uuid"), null);
        boolean timestamps = ConfigValues.isConfig(entries.get(CONFIG_PREFIX + "timestamp-listings"));
        String header = ConfigValues.value(entries, "header");
        SiteOptions options = SiteOptions.read(name -> ConfigValues.value(entries, name), warnings);
        String feedId;
        if (uuid != null) {
            feedId = "urn:uuid:" + uuid;
        } else {
            feedId = "urn:uuid:" + NameUuids.v5(NameUuids.NAMESPACE_URL, root);
            warnings.add("missing .config/uuid: the feed id is derived from the root (" + feedId + ")");
        }
        return new SiteConfig(blogName, indexPage, root, feedId, timestamps, header, options);
    }
}
