package dev.gitblog.events;

import java.util.Map;

/**
 * Reading a revision's {@code .config/<name>} files (docs/FORMAT.md §1.7), as the gateway composes the site and
 * content-service checks its links: one rule for both.
 */
public final class ConfigValues {

    /** Where the configuration files of a blog live. */
    public static final String PREFIX = ".config/";

    private ConfigValues() {
    }

    /** The value of {@code .config/<name>} when that entry is a configuration file, else null. */
    public static String value(Map<String, Entry> entries, String name) {
        Entry e = entries.get(PREFIX + name);
        return isConfig(e) && e.config() != null ? e.config().value() : null;
    }

    /** True when {@code e} is a configuration file (present even if empty). */
    public static boolean isConfig(Entry e) {
        return e != null && e.kind() == EntryKind.CONFIG;
    }

    /** {@code value} stripped, or {@code fallback} when it is null or blank. */
    public static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /** The index page's path: {@code .config/index_page} (default {@code Index}) without leading or trailing slashes. */
    public static String indexPage(Map<String, Entry> entries) {
        String out = nonBlank(value(entries, "index_page"), "Index");
        while (out.startsWith("/")) {
            out = out.substring(1);
        }
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    /**
     * The base of every absolute URL of the site: {@code .config/root}'s first line, stripped, without trailing
     * slashes, so that a root written as {@code https://example.com/} gives {@code https://example.com/atom} and
     * not {@code https://example.com//atom}. The gateway's links and feed-service's feeds both use it: a WebSub
     * hub is pinged with exactly the self link a feed carries.
     */
    public static String rootUrl(String root) {
        String out = root == null ? "" : root.strip().lines().findFirst().orElse("");
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
