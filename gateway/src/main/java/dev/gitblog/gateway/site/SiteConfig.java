package dev.gitblog.gateway.site;

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

    static final String CONFIG_PREFIX = ".config/";

    /** The configuration in {@code entries}; what is wrong with it goes to {@code warnings}. */
    static SiteConfig read(Map<String, Entry> entries, List<String> warnings) {
        String blogName = nonBlank(config(entries, "blog_name"), "Canopy");
        String indexPage = stripSlashes(nonBlank(config(entries, "index_page"), "Index"));
        String root = nonBlank(config(entries, "root"), "http://localhost");
        String uuid = nonBlank(config(entries, "uuid"), null);
        boolean timestamps = isConfig(entries.get(CONFIG_PREFIX + "timestamp-listings"));
        String header = config(entries, "header");
        SiteOptions options = SiteOptions.read(name -> config(entries, name), warnings);
        String feedId;
        if (uuid != null) {
            feedId = "urn:uuid:" + uuid;
        } else {
            feedId = "urn:uuid:" + NameUuids.v5(NameUuids.NAMESPACE_URL, root);
            warnings.add("missing .config/uuid: the feed id is derived from the root (" + feedId + ")");
        }
        return new SiteConfig(blogName, indexPage, root, feedId, timestamps, header, options);
    }

    private static String config(Map<String, Entry> entries, String name) {
        Entry e = entries.get(CONFIG_PREFIX + name);
        return isConfig(e) && e.config() != null ? e.config().value() : null;
    }

    private static boolean isConfig(Entry e) {
        return e != null && e.kind() == EntryKind.CONFIG;
    }

    private static String stripSlashes(String s) {
        String out = s.strip();
        while (out.startsWith("/")) {
            out = out.substring(1);
        }
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
